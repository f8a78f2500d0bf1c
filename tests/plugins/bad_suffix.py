"""A fixture plugin with one exporter whose suffix is None, beside a good one."""

import sanquan_core as sq


class NoSuffix:
    name = "nosuffix"
    suffix = None
    media_type = "text/plain"
    description = "an exporter whose suffix is None"

    def export(self, campaign, stream, options):
        stream.write(b"never")


class Fine:
    name = "fine"
    suffix = ".fine"
    media_type = "text/plain"
    description = "a good exporter of the same plugin"

    def export(self, campaign, stream, options):
        stream.write(campaign.plan.title.encode("utf-8"))


@sq.hookimpl
def sanquan_register_exporters():
    return [NoSuffix(), Fine()]
