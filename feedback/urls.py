from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("hoi-dap/", views.question_list, name="question_list"),
    path("hoi-dap/gui-cau-hoi/", views.question_ask, name="question_ask"),
    path("hoi-dap/<int:pk>/", views.question_detail, name="question_detail"),
    path("phan-anh-kien-nghi/", views.petition_list, name="petition_list"),
    path("phan-anh-kien-nghi/gui/", views.petition_send, name="petition_send"),
    path("phan-anh-kien-nghi/<int:pk>/", views.petition_detail, name="petition_detail"),
    path("tra-cuu-hoi-dap/", views.status, name="status"),
    path("tra-cuu-hoi-dap/da-gui/", views.submitted, name="submitted"),
    path("gop-y-du-thao/", views.draft_list, name="draft_list"),
    path("gop-y-du-thao/tep/<int:pk>/", views.draft_file_download, name="draft_file_download"),
    path("gop-y-du-thao/<slug:slug>/", views.draft_detail, name="draft_detail"),
    path("xu-ly-phan-anh/", views.staff_inbox, name="staff_inbox"),
    path("xu-ly-phan-anh/thong-ke/", views.staff_dashboard, name="staff_dashboard"),
    path("xu-ly-phan-anh/du-thao/", views.staff_drafts, name="staff_drafts"),
    path("xu-ly-phan-anh/du-thao/moi/", views.staff_draft_edit, name="staff_draft_create"),
    path("xu-ly-phan-anh/du-thao/<int:pk>/", views.staff_draft_edit, name="staff_draft_edit"),
    path("xu-ly-phan-anh/<int:pk>/", views.staff_question, name="staff_question"),
    path("xu-ly-phan-anh/<int:pk>/tep-dinh-kem/", views.staff_attachment, name="staff_attachment"),
]
