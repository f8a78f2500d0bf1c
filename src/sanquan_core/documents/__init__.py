"""What each document says, independent of the file format: the content layer.

Every exporter renders these structures, so XLSX, DOCX, PDF and CSV show the
same words and the same numbers. Numbers come from
:func:`sanquan_core.summarize` and :func:`sanquan_core.check`; nothing here
counts on its own. Every caption, heading, note and empty state a document
prints comes from :mod:`sanquan_core.captions` through these structures.

Text is passed through :func:`clean` once, here: control characters are
removed (they are invisible, and XML formats cannot hold them), line breaks
and tabs are kept.

=================  ==========================================================
module             what it holds
=================  ==========================================================
``text``           cleaning, Chinese dates and numbers, full-width punctuation
``forms``          附件1 (visits), 附件2 (results), 附件3 (summary)
``report``         the completion report and the reminder list
``followup``       办理情况: the ledger's tallies, the units, the overdue list
``book``           成果汇编: chapters by kind, then group
``notice``         the notice packet
``reminders``      催报: a letter per group, a short text per member
``chart``          what the charts draw
``progress``       进度: the series, who is behind pace, a chart per office
``facts``          the summary and the check, computed once per export
=================  ==========================================================
"""

from __future__ import annotations

from sanquan_core.documents.book import (
    APPENDIX_HEADING,
    BOOK_SUBTITLE,
    NO_ITEMS,
    AdoptionLine,
    BookChapter,
    BookContent,
    BookItem,
    BookSection,
    book_content,
)
from sanquan_core.documents.chart import ChartContent, chart_content
from sanquan_core.documents.facts import Facts
from sanquan_core.documents.followup import (
    FollowUpContent,
    FollowUpGrid,
    OverdueLine,
    followup_content,
)
from sanquan_core.documents.forms import (
    BlankForm,
    ResultItem,
    ResultsForm,
    SummaryContent,
    VisitForm,
    blank_forms,
    missing_text,
    numbers,
    results_forms,
    summary_content,
    visit_forms,
)
from sanquan_core.documents.notice import (
    ATTACHMENT_TITLES,
    NoticeContent,
    heading_level,
    notice_content,
)
from sanquan_core.documents.progress import (
    OfficeProgress,
    ProgressContent,
    RateLine,
    progress_content,
)
from sanquan_core.documents.reminders import (
    ReminderLetter,
    ReminderText,
    reminder_letters,
    reminder_texts,
)
from sanquan_core.documents.report import (
    CompletionContent,
    MemberLine,
    ReminderLine,
    completion_content,
)
from sanquan_core.documents.text import (
    CHINESE_NUMERALS,
    chinese_number,
    clean,
    cn_date,
    full_width,
    paragraphs,
    width,
)

__all__ = [
    "APPENDIX_HEADING",
    "ATTACHMENT_TITLES",
    "BOOK_SUBTITLE",
    "CHINESE_NUMERALS",
    "NO_ITEMS",
    "AdoptionLine",
    "BlankForm",
    "BookChapter",
    "BookContent",
    "BookItem",
    "BookSection",
    "ChartContent",
    "CompletionContent",
    "Facts",
    "FollowUpContent",
    "FollowUpGrid",
    "MemberLine",
    "NoticeContent",
    "OfficeProgress",
    "OverdueLine",
    "ProgressContent",
    "RateLine",
    "ReminderLetter",
    "ReminderLine",
    "ReminderText",
    "ResultItem",
    "ResultsForm",
    "SummaryContent",
    "VisitForm",
    "blank_forms",
    "book_content",
    "chart_content",
    "chinese_number",
    "clean",
    "cn_date",
    "completion_content",
    "followup_content",
    "full_width",
    "heading_level",
    "missing_text",
    "notice_content",
    "numbers",
    "paragraphs",
    "progress_content",
    "reminder_letters",
    "reminder_texts",
    "results_forms",
    "summary_content",
    "visit_forms",
    "width",
]
