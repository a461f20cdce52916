urlpatterns = []
app_name = "org"
