"""A fixture plugin: 附件3 as tab-separated text, registered like any third-party plugin.

It declares the one form it makes, so asking it for another is an error.
"""

from __future__ import annotations

import csv
import io

import sanquan_core as sq


class CSVSummary:
    name = "tsv"
    suffix = ".tsv"
    media_type = "text/tab-separated-values"
    description = "附件3 as TSV (test plugin)"
    forms = ("summary",)

    def export(self, campaign, stream, options):
        summary = sq.summarize(campaign)
        text = io.StringIO()
        writer = csv.writer(text, delimiter="\t")
        writer.writerow(["组别", "参与活动委员人数"])
        for row in summary.rows:
            writer.writerow([row.group, row.participants])
        writer.writerow(["汇总", summary.total.participants])
        stream.write(text.getvalue().encode("utf-8"))


@sq.hookimpl
def sanquan_register_exporters():
    return [CSVSummary()]
