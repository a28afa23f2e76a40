from django.urls import path

from . import views

app_name = "editorial"

urlpatterns = [
    path("", views.board, name="board"),
    path("viec-cua-toi/", views.tasks, name="tasks"),
    path("hop-thu/", views.inbox, name="inbox"),
    path("don-vi/", views.unit_items, name="unit"),
    path("tin-bai-cua-toi/", views.my_items, name="my_items"),
    path("gui-tin-bai/", views.submit, name="submit"),
    path("tin-bai/<int:pk>/", views.item_detail, name="item"),
    path("tin-bai/<int:pk>/sua/", views.author_edit, name="author_edit"),
    path("tin-bai/<int:pk>/bien-tap/", views.item_edit, name="edit"),
    path("tin-bai/<int:pk>/chuyen/", views.item_act, name="act"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("thong-bao/da-doc/", views.notifications_read, name="notifications_read"),
    path("thong-bao/<int:pk>/", views.notification_open, name="notification_open"),
    path("uy-quyen/", views.delegations, name="delegations"),
    path("uy-quyen/<int:pk>/thu-hoi/", views.delegation_revoke, name="delegation_revoke"),
]
