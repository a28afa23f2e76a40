app_name = "publicinfo"

urlpatterns = []
