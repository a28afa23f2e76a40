from django.urls import path

from . import views

app_name = "quotas"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("don-vi/<int:unit_id>/<str:measure>/", views.cell, name="cell"),
    path("xep-hang/", views.ranking, name="ranking"),
    path("bao-cao/", views.report, name="report"),
    path("bao-cao.xlsx", views.report_xlsx, name="report_xlsx"),
    path("thong-ke-nam/", views.yearly, name="yearly"),
    path("thong-ke-nam.xlsx", views.yearly_xlsx, name="yearly_xlsx"),
    path("chot-thang/", views.month_close, name="month_close"),
    path("mo-lai/", views.month_reopen, name="month_reopen"),
    path("mien-dinh-muc/", views.exemption_grant, name="exemption_grant"),
]
