"""A fixture plugin whose hook raises."""

import sanquan_core as sq


@sq.hookimpl
def sanquan_register_exporters():
    raise RuntimeError("the plugin's configuration is missing")
