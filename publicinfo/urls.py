from django.urls import path

from . import views
from .models import NoticeKind

app_name = "publicinfo"

NOTICE_PREFIXES = {
    NoticeKind.ANNOUNCEMENT: "thong-bao",
    NoticeKind.CONFERENCE: "tai-lieu-hoi-nghi",
    NoticeKind.PLAN: "ke-hoach",
    NoticeKind.PROJECT: "du-an",
    NoticeKind.RESEARCH: "de-tai",
    NoticeKind.STATISTICS: "thong-ke",
    NoticeKind.ISO: "iso-9001",
}

urlpatterns = [
    path("thu-tuc-hanh-chinh/", views.procedure_list, name="procedures"),
    path("thu-tuc-hanh-chinh/dich-vu-cong/", views.procedure_online, name="procedures_online"),
    path(
        "thu-tuc-hanh-chinh/bieu-mau/<int:pk>/", views.procedure_form_download, name="procedure_form_download"
    ),
    path("thu-tuc-hanh-chinh/<slug:slug>/", views.procedure_detail, name="procedure"),
    path("lich-cong-tac/", views.schedule, name="schedule"),
    path("tai-lieu/tep/<int:pk>/", views.notice_file_download, name="notice_file_download"),
    path("danh-ba/", views.directory, name="directory"),
    path("bo-tro-tu-phap/", views.judicial_list, {"section": "support"}, name="judicial_support"),
    path("tro-giup-phap-ly/", views.judicial_list, {"section": "aid"}, name="legal_aid"),
    path("lien-he/", views.contact, name="contact"),
    path("lanh-dao-so/", views.leadership, name="leadership"),
    path("lien-ket/", views.links, name="links"),
]
for kind, prefix in NOTICE_PREFIXES.items():
    urlpatterns += [
        path(f"{prefix}/", views.notice_list, {"kind": kind.value}, name=f"notices_{kind.value}"),
        path(f"{prefix}/<int:pk>/", views.notice_detail, {"kind": kind.value}, name=f"notice_{kind.value}"),
    ]
