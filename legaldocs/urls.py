from django.urls import path

from . import views

app_name = "legaldocs"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("tep/<int:pk>/", views.file_download, name="download"),
    path("<int:pk>/", views.document_by_pk, name="detail_pk"),
    path("<slug:slug>/", views.document_detail, name="detail"),
]
