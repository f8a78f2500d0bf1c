"""A fixture plugin claiming a name a built-in already has."""

import sanquan_core as sq


class Rival:
    name = "json"
    suffix = ".json"
    media_type = "application/json"
    description = "a rival JSON exporter"

    def export(self, campaign, stream, options):
        stream.write(b"{}")


@sq.hookimpl
def sanquan_register_exporters():
    return [Rival()]
