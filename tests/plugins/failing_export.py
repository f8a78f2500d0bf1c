"""A fixture plugin whose exporter fails halfway through writing."""

import sanquan_core as sq


class Failing:
    name = "failing"
    suffix = ".fail"
    media_type = "application/octet-stream"
    description = "writes a little, then fails"

    def export(self, campaign, stream, options):
        stream.write(b"half a document")
        raise ValueError("disk quota exceeded")


@sq.hookimpl
def sanquan_register_exporters():
    return [Failing()]
