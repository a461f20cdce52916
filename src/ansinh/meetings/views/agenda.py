from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.core.uploads import upload_rule
from ansinh.meetings import services
from ansinh.meetings.forms import AgendaItemForm, add_service_errors
from ansinh.meetings.models import AgendaItem, Material
from ansinh.meetings.perms import get_meeting_for_user


@require_http_methods(["GET", "POST"])
def agenda_item_form(request, pk: int, item_pk: int | None = None):
    meeting = get_meeting_for_user(request, pk, manage=True)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting) if item_pk else None
    initial = {}
    if item is not None:
        initial = {
            "title": item.title,
            "minutes": item.minutes,
            "presenter": f"m{item.presenter_member_id}"
            if item.presenter_member_id
            else f"a{item.presenter_agency_id}",
        }
    form = AgendaItemForm(
        request.POST or None, request.FILES or None, meeting=meeting, item=item, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = item or AgendaItem(meeting=meeting)
        target.title = data["title"]
        target.minutes = data["minutes"]
        target.presenter_member, target.presenter_agency = data["presenter"]
        try:
            services.agenda_item_save(
                item=target, user=request.user, files=data["files"], report=data["report"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu nội dung họp.")
            return redirect(reverse("meetings:meeting_detail", args=[meeting.pk]) + "#noi-dung")
    context = {
        "form": form,
        "meeting": meeting,
        "item": item,
        "upload_rule": upload_rule(),
        "section": "meetings",
    }
    return render(request, "meetings/agenda_item_form.html", context)


@require_POST
def agenda_item_delete(request, pk: int, item_pk: int):
    meeting = get_meeting_for_user(request, pk, manage=True)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    try:
        services.agenda_item_delete(item=item, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã xóa nội dung họp.")
    return redirect(reverse("meetings:meeting_detail", args=[meeting.pk]) + "#noi-dung")


def material_download(request, pk: int, material_pk: int):
    meeting = get_meeting_for_user(request, pk)
    material = get_object_or_404(
        Material.objects.select_related("report"), pk=material_pk, item__meeting=meeting
    )
    if material.report_id:
        document = material.report.docx
        if not document:
            raise Http404
        return FileResponse(
            document.open("rb"), as_attachment=True, filename=PurePath(document.name).name
        )
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=material.name)


@require_POST
def material_delete(request, pk: int, material_pk: int):
    meeting = get_meeting_for_user(request, pk, manage=True)
    material = get_object_or_404(Material, pk=material_pk, item__meeting=meeting)
    try:
        services.material_remove(material=material, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã xóa tài liệu.")
    return redirect(reverse("meetings:meeting_detail", args=[meeting.pk]) + "#noi-dung")
