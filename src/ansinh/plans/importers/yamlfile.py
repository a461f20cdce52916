"""The `ansinh.plan/1` YAML format (docs/plan-format.md)."""

from ansinh.core.vnformat import parse_date
from ansinh.org.importers.yamlfile import FileProblems, Problem, read_located
from ansinh.org.models import Committee
from ansinh.plans.importers.draft import DraftBuilder

FORMAT = "ansinh.plan/1"


def plan_yaml_read(*, text: str, filename: str) -> dict:
    """Parse the file into a draft; FileProblems when the file cannot be a plan at all."""
    located = read_located(text, filename)
    data = located.data
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FileProblems(filename, [Problem(("format",), f"tệp phải có format: {FORMAT}", 1)])
    committee = _committee(data, located, filename)
    try:
        year = int(data.get("year"))
    except (TypeError, ValueError) as exc:
        raise FileProblems(
            filename, [Problem(("year",), "cần năm của kế hoạch", located.line(("year",)))]
        ) from exc
    signer = data.get("signer") or {}
    footnotes = {str(k): str(v) for k, v in (data.get("footnotes") or {}).items()}
    date = ""
    if data.get("date"):
        try:
            date = parse_date(data["date"]).isoformat()
        except ValueError as exc:
            raise FileProblems(
                filename, [Problem(("date",), str(exc), located.line(("date",)))]
            ) from exc
    builder = DraftBuilder(
        committee=committee,
        year=year,
        source="yaml",
        filename=filename,
        plan={
            "kind": str(data.get("kind") or "KẾ HOẠCH"),
            "title": " ".join(str(data.get("title") or "").split()),
            "number": str(data.get("number") or ""),
            "date": date,
            "place": str(data.get("place") or ""),
            "signer_authority": str(signer.get("authority") or ""),
            "signer_title": str(signer.get("title") or ""),
            "signer_name": str(signer.get("name") or ""),
            "recipients": [str(r) for r in data.get("recipients") or []],
            "preamble": [str(p) for p in data.get("preamble") or []],
            "body": [
                {
                    "heading": str(s.get("heading") or ""),
                    "paragraphs": [str(p) for p in s.get("paragraphs") or []],
                }
                for s in data.get("body") or []
            ],
            "footnotes": footnotes,
            "appendix_title": str(data.get("appendix_title") or ""),
        },
    )

    def where(path):
        line = located.line(path)
        return f"dòng {line}" if line else ""

    def walk(groups, path, parent):
        for gi, group in enumerate(groups or []):
            gpath = (*path, gi)
            index = builder.add_group(
                number=str(group.get("number") or ""),
                title=str(group.get("title") or ""),
                where=where(gpath),
                parent=parent,
            )
            for ti, task in enumerate(group.get("tasks") or []):
                tpath = (*gpath, "tasks", ti)
                refs = [
                    f"({n}) {footnotes[str(n)]}" if str(n) in footnotes else f"({n})"
                    for n in task.get("footnotes") or []
                ]
                builder.add_task(
                    where=where(tpath),
                    group=index,
                    number=str(task.get("number") or ""),
                    content=str(task.get("content") or ""),
                    lead_text=str(task.get("lead_text") or ""),
                    coordinators_text=str(task.get("coordinators_text") or ""),
                    timeframe=str(task.get("timeframe") or ""),
                    legal_refs="\n".join(refs),
                    leads=[str(x) for x in task["lead"]] if "lead" in task else None,
                    coordinators=[str(x) for x in task["coordinators"]]
                    if "coordinators" in task
                    else None,
                    columns={"lead": "lead", "timeframe": "timeframe"},
                )
            walk(group.get("groups"), (*gpath, "groups"), index)

    walk(data.get("groups"), ("groups",), None)
    return builder.finish()


def _committee(data, located, filename) -> Committee:
    province = data.get("province") or {}
    committees = Committee.objects.filter(
        province__code=str(province.get("code") or ""),
        province__parent__isnull=True,
        key=str(data.get("committee") or ""),
    ).select_related("province")
    if province.get("edition"):
        committees = committees.filter(province__edition=str(province["edition"]))
    committee = committees.first()
    if committee is None:
        raise FileProblems(
            filename,
            [
                Problem(
                    ("committee",),
                    f"không có Ban Chỉ đạo “{data.get('committee')}” của tỉnh mã "
                    f"{province.get('code')} — nạp dữ liệu tỉnh trước",
                    located.line(("committee",)),
                )
            ],
        )
    return committee
