from django.urls import path

from ansinh.compliance.views import (
    arrears,
    disclosure,
    employers,
    findings,
    home,
    inspections,
    public,
    reconcile,
    registry,
    review,
)

app_name = "compliance"

# Each area keeps its paths together; pages live under /don-doc-thu/, the public ones under
# /cong-khai/ and /tra-cuu-no/.
urlpatterns = [
    path("don-doc-thu/", home.home, name="home"),
    # Partners' quarterly lists and the employer pages (helper A).
    path("don-doc-thu/danh-sach-dn/", registry.snapshot_list, name="registry_list"),
    path("don-doc-thu/danh-sach-dn/nap/", registry.upload, name="registry_upload"),
    path(
        "don-doc-thu/danh-sach-dn/nap/<int:pk>/ghep-cot/", registry.mapping, name="registry_mapping"
    ),
    path("don-doc-thu/danh-sach-dn/nap/<int:pk>/", registry.preview, name="registry_preview"),
    path("don-doc-thu/danh-sach-dn/nap/<int:pk>/xac-nhan/", registry.apply, name="registry_apply"),
    path("don-doc-thu/danh-sach-dn/<int:pk>/", registry.snapshot_detail, name="registry_snapshot"),
    path("don-doc-thu/don-vi/", employers.employer_list, name="employer_list"),
    path("don-doc-thu/don-vi/<int:pk>/", employers.employer_detail, name="employer_detail"),
    # The BHXH office's statement of insured units and arrears (helper B).
    path("don-doc-thu/cham-dong/", arrears.statement_list, name="arrears_list"),
    path("don-doc-thu/cham-dong/nap/", arrears.upload, name="arrears_upload"),
    path("don-doc-thu/cham-dong/nap/<int:pk>/", arrears.preview, name="arrears_preview"),
    path("don-doc-thu/cham-dong/nap/<int:pk>/xac-nhan/", arrears.apply, name="arrears_apply"),
    path("don-doc-thu/cham-dong/<int:pk>/", arrears.statement_detail, name="arrears_statement"),
    # Inspections, the public list of late payers and the tax-code lookup (helper D).
    path(
        "don-doc-thu/de-xuat-thanh-tra/", inspections.candidate_list, name="inspection_candidates"
    ),
    path("don-doc-thu/thanh-tra/", inspections.case_list, name="inspection_list"),
    path("don-doc-thu/thanh-tra/them/", inspections.case_create, name="inspection_create"),
    path("don-doc-thu/thanh-tra/<int:pk>/", inspections.case_detail, name="inspection_detail"),
    path(
        "don-doc-thu/thanh-tra/<int:pk>/tien-do/",
        inspections.case_progress,
        name="inspection_progress",
    ),
    path("don-doc-thu/cong-khai/", disclosure.disclosure_manage, name="disclosure_manage"),
    path(
        "don-doc-thu/cong-khai/<int:statement_pk>/cong-bo/",
        disclosure.disclosure_publish,
        name="disclosure_publish",
    ),
    path(
        "don-doc-thu/cong-khai/danh-sach/<int:pk>/go/",
        disclosure.disclosure_withdraw,
        name="disclosure_withdraw",
    ),
    # Reconciliation runs, the review queue and the findings (helper C).
    path("don-doc-thu/doi-chieu/", reconcile.run_list, name="reconcile_list"),
    path("don-doc-thu/doi-chieu/chay/", reconcile.run_start, name="reconcile_start"),
    path("don-doc-thu/doi-chieu/<int:pk>/", reconcile.run_detail, name="reconcile_detail"),
    path("don-doc-thu/doi-chieu/xem-xet/", review.review_queue, name="review_queue"),
    path(
        "don-doc-thu/doi-chieu/xem-xet/ket-luan/", review.review_decide_view, name="review_decide"
    ),
    path("don-doc-thu/doi-chieu/quyet-dinh/", review.decision_list, name="review_decisions"),
    path(
        "don-doc-thu/doi-chieu/quyet-dinh/<int:pk>/bo/",
        review.decision_undo_view,
        name="review_undo",
    ),
    path("don-doc-thu/phat-hien/", findings.finding_list, name="finding_list"),
    path("don-doc-thu/phat-hien/<int:pk>/", findings.finding_detail, name="finding_detail"),
    path("don-doc-thu/phat-hien/<int:pk>/xu-ly/", findings.finding_status, name="finding_status"),
    path("cong-khai/cham-dong/<str:code>/", public.public_disclosure, name="public_disclosure"),
    path("tra-cuu-no/", public.public_lookup, name="public_lookup"),
]
