"""`khparse batch`: convert whole archives, in parallel, resumably, on one machine or a Dask cluster.

    inputs   PATH… → ordered list of Input (files, directories, ZIP members, a list on stdin)
    driver   read → hash → resume? → pool → records in input order (records.py)
    runner   local worker processes (timeout, replacement, recycling); dask_runner: a Dask cluster
    resume   -o DIR: plan files, manifest.jsonl, skip what is done
    command  the click command
"""
