"""A fixture plugin: 附件3 as CSV, registered like any third-party plugin."""

from __future__ import annotations

import csv
import io

import sanquan_core as sq


class CSVSummary:
    name = "csv"
    suffix = ".csv"
    media_type = "text/csv"
    description = "附件3 as CSV (test plugin)"

    def export(self, campaign, stream, options):
        summary = sq.summarize(campaign)
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(["组别", "参与活动委员人数"])
        for row in summary.rows:
            writer.writerow([row.group, row.participants])
        writer.writerow(["汇总", summary.total.participants])
        stream.write(text.getvalue().encode("utf-8"))


@sq.hookimpl
def sanquan_register_exporters():
    return [CSVSummary()]
