from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.search import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("suche/", search_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="pages/robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("feeds/", include("feeds.urls")),
    path("newsletter/ses-events/", include("mailings.feedback.urls")),
    path("newsletter/", include("mailings.subscribers.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    urlpatterns.append(path("404/", TemplateView.as_view(template_name="404.html")))

urlpatterns.append(path("", include(wagtail_urls)))
