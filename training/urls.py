"""The training app's pages, under /training/ (namespace ``training``)."""

from training import certificate_urls, import_urls, web_urls

app_name = "training"
urlpatterns = [*web_urls.urlpatterns, *certificate_urls.urlpatterns, *import_urls.urlpatterns]
