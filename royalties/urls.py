app_name = "royalties"

urlpatterns = []
