from django.urls import path

from ansinh.plans.views import imports, plans, tasks

app_name = "plans"
urlpatterns = [
    path("ke-hoach/", plans.plan_list, name="plan_list"),
    path("ke-hoach/moi/", plans.plan_create, name="plan_create"),
    path("ke-hoach/nap/", imports.plan_upload, name="import_upload"),
    path("ke-hoach/nap/mau-excel/", imports.plan_template, name="import_template"),
    path("ke-hoach/nap/<int:pk>/", imports.plan_import_preview, name="import_preview"),
    path("ke-hoach/nap/<int:pk>/nap/", imports.plan_import_apply, name="import_apply"),
    path("ke-hoach/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/sua/", plans.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:pk>/xuat-word/", plans.plan_export_docx, name="plan_export_docx"),
    path("ke-hoach/<int:pk>/xuat-excel/", plans.plan_export_xlsx, name="plan_export_xlsx"),
    path("ke-hoach/<int:pk>/sao-nam-sau/", plans.plan_copy, name="plan_copy"),
    path("ke-hoach/<int:pk>/them-nhom/", plans.group_create, name="group_create"),
    path("ke-hoach/<int:plan_pk>/them-nhiem-vu/", tasks.task_edit, name="task_create"),
    path("nhom-nhiem-vu/<int:pk>/xoa/", plans.group_delete, name="group_delete"),
    path("nhiem-vu/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/sua/", tasks.task_edit, name="task_edit"),
    path("nhiem-vu/<int:pk>/xoa/", tasks.task_delete, name="task_delete"),
    path("nhiem-vu/<int:pk>/bao-cao/", tasks.progress_add, name="progress_add"),
    path("nhiem-vu/<int:pk>/don-vi/<int:unit_pk>/gan/", tasks.unit_assign, name="unit_assign"),
    path("tep-dinh-kem/<int:pk>/", tasks.attachment_download, name="attachment_download"),
    path("nhiem-vu-cua-don-vi/", tasks.my_tasks, name="my_tasks"),
]
