"""`python -m khparse.batch`: the batch command on its own (the same as `khparse batch`)."""

from khparse.batch.command import batch_command

batch_command(prog_name="khparse batch")
