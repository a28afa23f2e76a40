from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("chuyen-muc/<slug:slug>/", views.category, name="category"),
    path("tin-tuc/<slug:slug>/", views.item_detail, name="item"),
    path("trang/<slug:slug>/", views.page_detail, name="page"),
    path("tim-kiem/", views.search, name="search"),
    path("bien-tap/anh/tai-len/", views.editor_image_upload, name="editor_image_upload"),
]
