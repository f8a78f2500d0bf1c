"""The plugin system: hookspecs, built-ins through the hook, entry points, failures."""

from __future__ import annotations

import importlib.metadata
import io

import pytest

import sanquan_core as sq
from sanquan_core import plugins


def use_entry_points(monkeypatch, **modules: str) -> None:
    """Make importlib.metadata report these entry points in the sanquan_core group."""
    points = [
        importlib.metadata.EntryPoint(name=name, value=value, group="sanquan_core")
        for name, value in modules.items()
    ]
    real = importlib.metadata.entry_points

    def entry_points(**params):
        if params.get("group") == "sanquan_core":
            return importlib.metadata.EntryPoints(points)
        return real(**params)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    plugins.reset()


def test_no_hook_implementation_is_misspelt():
    plugins.plugin_manager().check_pending()


def test_builtins_register_through_the_hook():
    registered = [r for r in plugins.registered_exporters() if r.origin == "built-in"]
    assert [r.exporter.name for r in registered] == ["xlsx", "docx", "pdf", "csv", "json"]
    assert {r.origin for r in registered} == {"built-in"}
    assert {r.plugin for r in registered} == {"sanquan_core._builtin"}
    # Built-ins come first, installed plugins after them.
    assert [e.name for e in sq.formats()][:5] == ["xlsx", "docx", "pdf", "csv", "json"]
    for exporter in sq.formats():
        assert isinstance(exporter, sq.Exporter)
        assert exporter.suffix.startswith(".")


def test_entry_point_plugin_exports_by_name(monkeypatch, small):
    use_entry_points(monkeypatch, csvsum="tests.plugins.csv_summary")
    assert "tsv" in [e.name for e in sq.formats()]
    out = io.BytesIO()
    sq.export(small, out, format="tsv")
    assert out.getvalue().decode("utf-8").splitlines() == [
        "组别\t参与活动委员人数",
        "经济界委员工作组\t2",
        "安丰镇委员联络组\t1",
        "教育界委员工作组\t0",
        "汇总\t3",
    ]
    (entry,) = [r for r in plugins.registered_exporters() if r.exporter.name == "tsv"]
    assert entry.plugin == "csvsum"


def test_a_plugin_asked_for_a_form_it_does_not_make_is_refused(monkeypatch, small):
    """It declares forms = ("summary",): the book is refused, not replaced by 附件3."""
    use_entry_points(monkeypatch, csvsum="tests.plugins.csv_summary")
    out = io.BytesIO()
    with pytest.raises(sq.UnknownFormError, match="the tsv format does not make book") as info:
        sq.export(small, out, format="tsv", forms=["book"])
    assert info.value.exporter == "tsv"
    assert info.value.known == ("summary",)
    assert out.getvalue() == b""
    # without forms it is given the one it makes
    sq.export(small, out, format="tsv")
    assert out.getvalue().decode("utf-8").startswith("组别")


def test_suffix_picks_a_plugin_format(monkeypatch, small, tmp_path):
    use_entry_points(monkeypatch, csvsum="tests.plugins.csv_summary")
    sq.export(small, tmp_path / "table.tsv")
    assert (tmp_path / "table.tsv").read_text(encoding="utf-8").endswith("汇总\t3\n")


def test_plugin_that_cannot_be_imported_is_named(monkeypatch):
    use_entry_points(monkeypatch, shaky="tests.plugins.broken_import")
    with pytest.raises(sq.PluginError, match=r"the plugin .shaky. .* could not be loaded"):
        sq.formats()


def test_plugin_whose_hook_raises_is_named(monkeypatch):
    use_entry_points(monkeypatch, moody="tests.plugins.broken_hook")
    with pytest.raises(
        sq.PluginError,
        match=r"the plugin .moody. .*failed in sanquan_register_exporters: .*configuration",
    ):
        sq.formats()


def test_two_plugins_claiming_one_name_are_reported(monkeypatch, small):
    use_entry_points(monkeypatch, rival="tests.plugins.claims_xlsx")
    names = [e.name for e in sq.formats()]
    assert names.count("json") == 2  # both listed, neither hidden
    with pytest.raises(sq.PluginError, match="two plugins claim the format 'json'") as info:
        sq.export(small, io.BytesIO(), format="json")
    assert "'sanquan_core._builtin' (built-in)" in str(info.value)
    assert "'rival'" in str(info.value)


def test_failing_plugin_export_writes_nothing(monkeypatch, small, tmp_path):
    use_entry_points(monkeypatch, failing="tests.plugins.failing_export")
    target = tmp_path / "out.fail"
    with pytest.raises(sq.PluginError, match="exporter 'failing' of plugin 'failing'"):
        sq.export(small, target)
    assert list(tmp_path.iterdir()) == []
    stream = io.BytesIO()
    with pytest.raises(sq.PluginError):
        sq.export(small, stream, format="failing")
    assert stream.getvalue() == b""


def test_unknown_format_lists_the_known_ones(small):
    with pytest.raises(
        sq.ExportError,
        match="'odt' is not a known format; the formats are xlsx, docx, pdf, csv, json",
    ):
        sq.export(small, io.BytesIO(), format="odt")


def test_unknown_suffix(small, tmp_path):
    with pytest.raises(sq.ExportError, match=r"no exporter writes \.odt files"):
        sq.export(small, tmp_path / "x.odt")


def test_stream_needs_a_format(small):
    with pytest.raises(sq.ExportError, match="exporting to a stream needs a format"):
        sq.export(small, io.BytesIO())


def test_forms_are_checked(small):
    with pytest.raises(sq.ExportError, match="'charts' is not a form"):
        sq.export(small, io.BytesIO(), format="json", forms=["charts"])


def test_forms_accept_names_labels_and_a_comma_list():
    from sanquan_core.exporters import _forms

    assert _forms("summary, visits") == (sq.Form.SUMMARY, sq.Form.VISITS)
    assert _forms(["附件3 情况汇总表", sq.Form.SUMMARY]) == (sq.Form.SUMMARY,)
    assert _forms(None) == sq.exporters.ALL_FORMS


def test_plugin_registered_in_code(small):
    class Shout:
        name = "shout"
        suffix = ".txt"
        media_type = "text/plain"
        description = "the plan title, loudly"

        def export(self, campaign, stream, options):
            stream.write(campaign.plan.title.encode("utf-8") + b"!")

    class Plugin:
        @sq.hookimpl
        def sanquan_register_exporters(self):
            return [Shout()]

    plugins.register(Plugin(), name="in-code")
    out = io.BytesIO()
    sq.export(small, out, format="shout")
    assert out.getvalue().decode("utf-8") == small.plan.title + "!"


def test_exporter_without_required_attributes_is_refused():
    class Plugin:
        @sq.hookimpl
        def sanquan_register_exporters(self):
            return [object()]

    plugins.register(Plugin(), name="empty")
    assert [e.name for e in sq.formats()][:5] == ["xlsx", "docx", "pdf", "csv", "json"]
    (disabled,) = plugins.disabled_exporters()
    assert disabled.plugin == "empty"
    assert disabled.reason == (
        "an exporter of plugin 'empty' (registered in code) is disabled: "
        "it has no name, suffix, media_type, description, export"
    )


def test_json_export_round_trips(small, tmp_path):
    sq.export(small, tmp_path / "copy.json")
    assert sq.load(tmp_path / "copy.json") == small
