app_name = "legaldocs"

urlpatterns = []
