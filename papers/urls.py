from django.urls import path

from papers import views

app_name = "papers"
urlpatterns = [
    path("<str:key>/", views.paper_detail, name="paper"),
    path("<str:key>/cite.bib", views.paper_bibtex, name="bibtex"),
]
