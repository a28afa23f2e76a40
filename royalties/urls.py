from django.urls import path

from . import views

app_name = "royalties"

urlpatterns = [
    path("", views.index, name="index"),
    path("cua-toi/", views.mine, name="mine"),
    path("ho-so/", views.records, name="records"),
    path("ho-so/duyet/", views.records_approve, name="records_approve"),
    path("ho-so/<int:pk>/", views.record, name="record"),
    path("ho-so/<int:pk>/de-xuat/", views.record_propose, name="record_propose"),
    path("ho-so/<int:pk>/quyet-dinh/", views.record_decide, name="record_decide"),
    path("ho-so/<int:pk>/dieu-chinh/", views.record_adjust, name="record_adjust"),
    path("thu-lao-thang/", views.remuneration_month, name="remuneration_month"),
    path("tin-bai/<int:item_pk>/tac-gia/", views.item_shares, name="item_shares"),
    path("bang-ke/", views.statements, name="statements"),
    path("bang-ke/<int:year>/<int:month>/", views.statement, name="statement"),
    path("bang-ke/<int:year>/<int:month>/thanh-toan/", views.statement_pay, name="statement_pay"),
    path("bang-ke/<int:year>/<int:month>/excel/", views.statement_excel, name="statement_excel"),
    path("tong-hop/", views.totals, name="totals"),
]
