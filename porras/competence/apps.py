from django.apps import AppConfig


class CompetenceConfig(AppConfig):
    name = "porras.competence"
    label = "competence"
    verbose_name = "Method competence"
