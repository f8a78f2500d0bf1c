"""A fixture plugin whose exporters misbehave: close the stream, exit, interrupt."""

import sys

import sanquan_core as sq


class Base:
    media_type = "application/octet-stream"
    description = "misbehaves (test plugin)"


class Closes(Base):
    name = "closes"
    suffix = ".closes"

    def export(self, campaign, stream, options):
        stream.write(b"all of it")
        stream.close()


class Exits(Base):
    name = "exits"
    suffix = ".exits"

    def export(self, campaign, stream, options):
        stream.write(b"half")
        sys.exit(0)


class Interrupts(Base):
    name = "interrupts"
    suffix = ".interrupts"

    def export(self, campaign, stream, options):
        stream.write(b"half")
        raise KeyboardInterrupt


@sq.hookimpl
def sanquan_register_exporters():
    return [Closes(), Exits(), Interrupts()]
