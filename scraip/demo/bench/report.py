"""The benchmark's table and its verdict on issue 14's targets, as Markdown (printed and saved
beside the JSON of the run, so two runs can be compared)."""

from dataclasses import dataclass

PAGE_RATIO_LIMIT = 4.0  # every page and calendar feed within 4x of the lightest signed-in page
PDF_SPEEDUP = 2.0  # the 100-item pack and plan at least twice as fast as before
VIEW_OVER_WEASYPRINT = 1.2  # the view within 1.2x of WeasyPrint's own time
PER_ITEM_GROWTH = 1.3  # the cost per item at 1,000 within 1.3x of that at 100


@dataclass
class Verdict:
    target: str
    holds: bool
    detail: str

    def line(self) -> str:
        return f"- {'HOLDS' if self.holds else 'FAILS'}: {self.target}. {self.detail}"


def lightest(pages: list[dict]) -> dict:
    signed_in = [p for p in pages if p["kind"] == "html" and p["persona"] != "visitor"]
    return min(signed_in, key=lambda page: page["median_ms"])


def page_rows(small: dict, large: dict, previous: dict | None) -> tuple[list[str], list[Verdict]]:
    small_pages = {page["name"]: page for page in small["pages"]}
    before = {page["name"]: page for page in (previous or {}).get("pages", [])}
    reference = lightest(large["pages"])
    small_reference = lightest(small["pages"])
    header = (
        "| page | who | queries small | queries large | ms small | ms large | x lightest, small "
        "| x lightest, large | CPU ms large | x lightest by CPU, large | KB large | timed large |"
    )
    if previous:
        header += " ms large, previous run |"
    lines = [header, _separator(header)]
    over, changed = [], []
    for page in large["pages"]:
        name = page["name"]
        other = small_pages.get(name, {})
        ratio = page["median_ms"] / reference["median_ms"]
        small_ratio = other.get("median_ms", 0) / small_reference["median_ms"]
        if page["kind"] in ("html", "ics") and ratio > PAGE_RATIO_LIMIT:
            over.append(f"{name} {ratio:.0f}x")
        if other and other.get("queries") != page["queries"]:
            changed.append(f"{name} {other.get('queries')}→{page['queries']}")
        extra = f" ({page['rows']} rows)" if "rows" in page else ""
        cells = [
            name + extra,
            page["persona"],
            str(other.get("queries", "")),
            str(page["queries"]),
            f"{other.get('median_ms', 0):,.0f}",
            f"{page['median_ms']:,.0f}",
            f"{small_ratio:.1f}",
            f"{ratio:.1f}",
            f"{page['cpu_ms']:,.0f}",
            f"{page['cpu_ms'] / max(reference['cpu_ms'], 0.1):.1f}",
            f"{page['bytes'] / 1024:,.0f}",
            f"{page['reps']}",
        ]
        if previous:
            earlier = before.get(name)
            cells.append(f"{earlier['median_ms']:,.0f}" if earlier else "")
        lines.append("| " + " | ".join(cells) + " |")
    scans = [
        f"{page['name']} ({', '.join(page['seq_scans'])})"
        for page in large["pages"]
        if page.get("seq_scans")
    ]
    lines.append("")
    lines.append(
        f"Lightest signed-in page: {reference['name']} at the large size "
        f"({reference['median_ms']:.0f} ms), {small_reference['name']} at the small "
        f"({small_reference['median_ms']:.0f} ms). The CPU ratio is the steadier figure when "
        "other work shares the machine: a page's wall time then includes waiting for a core."
    )
    verdicts = [
        Verdict(
            f"every HTML page and calendar feed within {PAGE_RATIO_LIMIT:.0f}x of the lightest "
            "signed-in page at the large size",
            not over,
            "Over: " + ", ".join(over) if over else "All are.",
        ),
        Verdict(
            "the same number of queries at the small and the large size, for every page",
            not changed,
            "Differ: " + ", ".join(changed) if changed else "All the same.",
        ),
    ]
    if any("seq_scans" in page for page in large["pages"]):
        verdicts.append(
            Verdict(
                "on PostgreSQL, no query of an HTML page or calendar feed at the large size reads "
                "a whole table of more than 10,000 rows (EXPLAIN)",
                not scans,
                "Read whole: " + "; ".join(scans) if scans else "None does.",
            )
        )
    return lines, verdicts


def _separator(header: str) -> str:
    return "|" + "---|" * (header.count("|") - 1)


def pdf_rows(pdfs: list[dict]) -> tuple[list[str], list[Verdict]]:
    header = (
        "| document | items | size | before s | after s | speed-up | view s | view / WeasyPrint "
        "| s per 100 items | pages before | pages after | PDF/UA before, after | words lost |"
    )
    lines = [header, _separator(header)]
    by_key = {(row["document"], row["items"]): row for row in pdfs}
    verdicts = []
    for row in pdfs:
        speedup = row["before_s"] / row["after_s"] if "before_s" in row else None
        cells = [
            row["document"] + (" (background)" if row["background"] else ""),
            str(row["items"]),
            str(row["size"]),
            f"{row['before_s']:.2f} (median {row['before_median_s']:.2f})" if speedup else "",
            f"{row['after_s']:.2f} (median {row['after_median_s']:.2f})",
            f"{speedup:.2f}x" if speedup else "",
            f"{row['view_s']:.2f}",
            f"{row['view_s'] / row['after_s']:.2f}",
            f"{row['after_s'] / row['items'] * 100:.2f}",
            str(row.get("pages_before", "")),
            str(row["pages_after"]),
            f"{row.get('tagged_before', '')}, {row['tagged_after']}",
            str(row.get("words_missing_after", "")),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    for document in ("pack", "plan"):
        small, large = by_key.get((document, 100)), by_key.get((document, 1000))
        if small and "before_s" in small:
            speedup = small["before_s"] / small["after_s"]
            median = small["before_median_s"] / small["after_median_s"]
            verdicts.append(
                Verdict(
                    f"the 100-item {document} at least {PDF_SPEEDUP:.0f}x faster than before",
                    speedup >= PDF_SPEEDUP,
                    f"{speedup:.2f}x on the fastest rounds, {median:.2f}x on the medians.",
                )
            )
        for row in (small, large):
            if row:
                ratio = row["view_s"] / row["after_s"]
                verdicts.append(
                    Verdict(
                        f"the {row['items']}-item {document}'s view within "
                        f"{VIEW_OVER_WEASYPRINT}x of WeasyPrint's own time",
                        ratio <= VIEW_OVER_WEASYPRINT,
                        f"{ratio:.2f}x.",
                    )
                )
        if small and large:
            growth = (large["after_s"] / large["items"]) / (small["after_s"] / small["items"])
            verdicts.append(
                Verdict(
                    f"the {document}'s cost per item at 1,000 within {PER_ITEM_GROWTH}x of that "
                    "at 100",
                    growth <= PER_ITEM_GROWTH,
                    f"{growth:.2f}x.",
                )
            )
    return lines, verdicts


IMPORT_OVER_EXPORT = 3.0  # importing rows costs at most 3x exporting them
REFUSAL_SECONDS = 1.0  # an oversized file is refused within a second


def spreadsheet_rows(figures: dict) -> tuple[list[str], list[Verdict]]:
    """The tracker's export and import of the same rows, and the refusal of an oversized file
    (scraip.followup.tracker.measure)."""
    lines = [
        "| what | rows | seconds (fastest of 3) | median | peak MB (tracemalloc) |",
        "|---|---|---|---|---|",
    ]
    done = figures["import"]
    rows = done["rows"]
    for what, took in (("export (xlsx)", done["export"]), ("import (xlsx)", done["import"])):
        lines.append(
            f"| {what} | {rows:,} | {took['seconds']} | {took.get('median_seconds', '')} "
            f"| {took['peak_mb']} |"
        )
    ratio = done["import"]["seconds"] / max(done["export"]["seconds"], 1e-9)
    verdicts = [
        Verdict(
            f"importing {rows:,} rows costs at most {IMPORT_OVER_EXPORT:.0f}x exporting them",
            ratio <= IMPORT_OVER_EXPORT,
            f"{ratio:.2f}x.",
        )
    ]
    for refused in figures.get("oversized", []):
        lines.append(
            f"| refusing a file too long to import | {refused['rows']:,} | {refused['seconds']} "
            f"| {refused.get('median_seconds', '')} | {refused['peak_mb']} |"
        )
        verdicts.append(
            Verdict(
                f"refusing a file of {refused['rows']:,} rows takes under {REFUSAL_SECONDS:.0f} s",
                refused["seconds"] < REFUSAL_SECONDS,
                f"{refused['seconds']} s.",
            )
        )
    return lines, verdicts


def load_rows(load: dict) -> list[str]:
    lines = [
        f"gunicorn, {load['workers']} workers, {load['concurrency']} requests at a time for "
        f"{load['seconds']:.0f} s a page:",
        "",
        "| page | requests a second | completed | failed | median latency s |",
        "|---|---|---|---|---|",
    ]
    for name, row in load["pages"].items():
        lines.append(
            f"| {name} | {row['rps']} | {row['requests']} | {row['failed']} | {row['median_s']} |"
        )
    lines.append("")
    lines.append(f"The lightest signed-in page serves {load['ratio']}x the officer's dashboard.")
    return lines


def markdown(run: dict, previous: dict | None = None) -> str:
    lines = [f"# SCRAIP benchmark, {run['started']} ({run['database']}, {run['commit']})", ""]
    for size in ("small", "large"):
        if size in run:
            data = ", ".join(f"{count:,} {name}" for name, count in run[size]["data"].items())
            lines.append(f"- {size}: {data}")
    lines.append("")
    verdicts = []
    if "small" in run and "large" in run:
        lines.append("## Pages (median server time through the test client)")
        lines.append("")
        rows, page_verdicts = page_rows(run["small"], run["large"], previous)
        lines += rows
        verdicts += page_verdicts
        lines.append("")
    spreadsheets = run.get("large", {}).get("spreadsheets")
    if spreadsheets:
        lines.append("## Spreadsheets at the large size (the council's open items)")
        lines.append("")
        rows, sheet_verdicts = spreadsheet_rows(spreadsheets)
        lines += rows
        verdicts += sheet_verdicts
        lines.append("")
    if run.get("pdfs"):
        lines.append("## PDFs (CPU seconds, fastest of the rounds)")
        lines.append("")
        rows, pdf_verdicts = pdf_rows(run["pdfs"])
        lines += rows
        verdicts += pdf_verdicts
        lines.append("")
    if run.get("load"):
        lines.append("## Under load")
        lines.append("")
        lines += load_rows(run["load"])
        lines.append("")
    if verdicts:
        lines.append("## Issue 14's targets")
        lines.append("")
        lines += [verdict.line() for verdict in verdicts]
    return "\n".join(lines) + "\n"
