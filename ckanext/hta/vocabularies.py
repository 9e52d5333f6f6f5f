"""Derived classifications of HTA codes, for facets (labels in Spanish and English).

ICD-10 chapters are ranges of three-character categories; ATC anatomical main
groups are the code's first letter (WHO).
"""

from __future__ import annotations

# (first category, last category, Spanish label, English label)
ICD10_CHAPTERS: list[tuple[str, str, str, str]] = [
    (
        "A00",
        "B99",
        "Ciertas enfermedades infecciosas y parasitarias",
        "Certain infectious and parasitic diseases",
    ),
    ("C00", "D48", "Neoplasias", "Neoplasms"),
    (
        "D50",
        "D89",
        "Enfermedades de la sangre y de los órganos hematopoyéticos y trastornos de la inmunidad",
        "Diseases of the blood and blood-forming organs and immune disorders",
    ),
    (
        "E00",
        "E90",
        "Enfermedades endocrinas, nutricionales y metabólicas",
        "Endocrine, nutritional and metabolic diseases",
    ),
    ("F00", "F99", "Trastornos mentales y del comportamiento", "Mental and behavioural disorders"),
    ("G00", "G99", "Enfermedades del sistema nervioso", "Diseases of the nervous system"),
    ("H00", "H59", "Enfermedades del ojo y sus anexos", "Diseases of the eye and adnexa"),
    (
        "H60",
        "H95",
        "Enfermedades del oído y de la apófisis mastoides",
        "Diseases of the ear and mastoid process",
    ),
    ("I00", "I99", "Enfermedades del sistema circulatorio", "Diseases of the circulatory system"),
    ("J00", "J99", "Enfermedades del sistema respiratorio", "Diseases of the respiratory system"),
    ("K00", "K93", "Enfermedades del sistema digestivo", "Diseases of the digestive system"),
    (
        "L00",
        "L99",
        "Enfermedades de la piel y del tejido subcutáneo",
        "Diseases of the skin and subcutaneous tissue",
    ),
    (
        "M00",
        "M99",
        "Enfermedades del sistema osteomuscular y del tejido conjuntivo",
        "Diseases of the musculoskeletal system and connective tissue",
    ),
    (
        "N00",
        "N99",
        "Enfermedades del sistema genitourinario",
        "Diseases of the genitourinary system",
    ),
    ("O00", "O99", "Embarazo, parto y puerperio", "Pregnancy, childbirth and the puerperium"),
    (
        "P00",
        "P96",
        "Ciertas afecciones originadas en el periodo perinatal",
        "Certain conditions originating in the perinatal period",
    ),
    (
        "Q00",
        "Q99",
        "Malformaciones congénitas, deformidades y anomalías cromosómicas",
        "Congenital malformations, deformations and chromosomal abnormalities",
    ),
    (
        "R00",
        "R99",
        "Síntomas, signos y hallazgos anormales clínicos y de laboratorio",
        "Symptoms, signs and abnormal clinical and laboratory findings",
    ),
    (
        "S00",
        "T98",
        "Traumatismos, envenenamientos y otras consecuencias de causas externas",
        "Injury, poisoning and certain other consequences of external causes",
    ),
    ("U00", "U99", "Códigos para propósitos especiales", "Codes for special purposes"),
    (
        "V01",
        "Y98",
        "Causas externas de morbilidad y de mortalidad",
        "External causes of morbidity and mortality",
    ),
    (
        "Z00",
        "Z99",
        "Factores que influyen en el estado de salud y contacto con los servicios de salud",
        "Factors influencing health status and contact with health services",
    ),
]

ATC_GROUPS: dict[str, tuple[str, str]] = {
    "A": ("Tracto alimentario y metabolismo", "Alimentary tract and metabolism"),
    "B": ("Sangre y órganos hematopoyéticos", "Blood and blood forming organs"),
    "C": ("Sistema cardiovascular", "Cardiovascular system"),
    "D": ("Dermatológicos", "Dermatologicals"),
    "G": ("Sistema genitourinario y hormonas sexuales", "Genito-urinary system and sex hormones"),
    "H": (
        "Preparados hormonales sistémicos, excluye hormonas sexuales e insulinas",
        "Systemic hormonal preparations, excluding sex hormones and insulins",
    ),
    "J": ("Antiinfecciosos para uso sistémico", "Antiinfectives for systemic use"),
    "L": (
        "Agentes antineoplásicos e inmunomoduladores",
        "Antineoplastic and immunomodulating agents",
    ),
    "M": ("Sistema musculoesquelético", "Musculo-skeletal system"),
    "N": ("Sistema nervioso", "Nervous system"),
    "P": (
        "Productos antiparasitarios, insecticidas y repelentes",
        "Antiparasitic products, insecticides and repellents",
    ),
    "R": ("Sistema respiratorio", "Respiratory system"),
    "S": ("Órganos de los sentidos", "Sensory organs"),
    "V": ("Varios", "Various"),
}


def icd10_chapter(code: str) -> str | None:
    """The chapter range (e.g. "C00-D48") of an ICD-10 code such as "C50.9"."""
    category = code[:3].upper()
    for first, last, _es, _en in ICD10_CHAPTERS:
        if first <= category <= last:
            return f"{first}-{last}"
    return None


def icd10_chapter_label(chapter: str) -> dict[str, str]:
    for first, last, es, en in ICD10_CHAPTERS:
        if chapter == f"{first}-{last}":
            return {"es": f"{chapter} {es}", "en": f"{chapter} {en}"}
    return {"es": chapter, "en": chapter}


def atc_group(code: str) -> str | None:
    letter = code[:1].upper()
    return letter if letter in ATC_GROUPS else None


def atc_group_label(letter: str) -> dict[str, str]:
    if letter not in ATC_GROUPS:
        return {"es": letter, "en": letter}  # as an unknown ICD-10 chapter
    es, en = ATC_GROUPS[letter]
    return {"es": f"{letter} {es}", "en": f"{letter} {en}"}
