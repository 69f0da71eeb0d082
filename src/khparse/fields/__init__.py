"""Stage `fields`: the parts of a plan found in the outline's zones, one module per part."""
