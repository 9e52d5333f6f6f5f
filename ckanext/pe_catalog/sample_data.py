"""Sample content of the catalog: HTA reports, scholarship calls and environmental data.

The datasets are illustrative (Spanish first, as the catalog): real technologies,
WHO ATC and ICD-10 codes, Pronabec programs and Peruvian places, but invented
report numbers, authors, decisions and results. Every dataset carries the tag
``datos-de-ejemplo`` and its description starts with "**Datos de ejemplo.**".

Dates that must make sense on the day the sample is loaded are computed from
``today``: the scholarship application windows (about a third open, a third
upcoming and a third closed) and the HTA reports in public consultation or in
preparation. Names never depend on ``today``, so loading again updates the same
datasets. :func:`sample_datasets` lists related HTA reports after the reports
they refer to, as they are created in list order.
"""

from __future__ import annotations

import datetime
import json
from typing import Any, NamedTuple

from ckanext.pe_catalog.seed import SAMPLE_TAG

NOTES_PREFIX = "**Datos de ejemplo.** "
LICENSE_ID = "cc-by-4.0"
DATA_HOST = "https://datos.example.gob.pe"
GEOSERVER = "https://geoservidor.example.gob.pe/geoserver"
PRONABEC_SITE = "https://www.pronabec.gob.pe"

HTA_GROUP = "salud"
SCHOLARSHIP_GROUP = "educacion"
ENVIRONMENT_GROUP = "medio-ambiente-y-recursos-naturales"

NATIONAL = ("nacional",)
ALL_DEPARTMENTS = tuple(f"{code:02d}" for code in range(1, 26))
HUALLAGA = ("10", "22", "25")  # Huánuco, San Martín, Ucayali
VRAEM = ("03", "05", "08", "09", "12")  # Apurímac, Ayacucho, Cusco, Huancavelica, Junín


# --- shared builders ---------------------------------------------------------


def _tag_string(*keyword_lists: str) -> str:
    """Comma-separated tags from comma-separated keyword lists, plus the sample tag."""
    tags: list[str] = []
    for keywords in (*keyword_lists, SAMPLE_TAG):
        for keyword in keywords.split(","):
            tag = keyword.strip()
            if tag and tag.lower() not in (t.lower() for t in tags):
                tags.append(tag)
    return ", ".join(tags)


def _dataset(
    dataset_type: str,
    name: str,
    title: str,
    description: str,
    owner_org: str,
    group: str,
    tag_string: str,
    resources: list[dict[str, Any]],
    fields: dict[str, Any],
) -> dict[str, Any]:
    """A ``package_create`` payload; ``fields`` whose value is None are left out."""
    return {
        "type": dataset_type,
        "name": name,
        "title": title,
        "notes": NOTES_PREFIX + description,
        "owner_org": owner_org,
        "tag_string": tag_string,
        "license_id": LICENSE_ID,
        "groups": [{"name": group}],
        **{key: value for key, value in fields.items() if value is not None},
        "resources": resources,
    }


def _resource(url: str, name: str, fmt: str, description: str, **extra: str) -> dict[str, Any]:
    return {"url": url, "name": name, "format": fmt, "description": description, **extra}


def _iso(day: datetime.date) -> str:
    return day.isoformat()


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _dmy(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


# --- hta-report --------------------------------------------------------------


class _Report(NamedTuple):
    name: str
    title: str
    org: str
    code: str  # "{year}" is replaced by the publication year
    report_type: str
    technology_type: str
    technology: str
    atc: tuple[str, ...]
    condition: str
    icd10: tuple[str, ...]
    population: str
    intervention: str
    comparator: str
    outcomes: str
    recommendation: str
    certainty: str | None
    published: str | int  # ISO date, or days before today (reports not yet final)
    status: str
    related: tuple[str, ...]
    keywords: str
    summary: str
    language: str = "es"


# Invented, plausible names; each report gets a different pair (see _authors).
_AUTHORS = (
    "Quispe Mamani, Rosa Elena",
    "Huamán Torres, Jorge Luis",
    "Flores Vargas, Carmen Rosa",
    "Chávez Rojas, Miguel Ángel",
    "Mendoza Salazar, Lucía Fernanda",
    "Ramírez Cáceres, Paola Andrea",
    "Gutiérrez Ccori, Víctor Hugo",
    "Condori Apaza, Wilber",
    "Castillo Paredes, Silvia Milagros",
    "Valdivia Núñez, Fernando José",
    "Sánchez Alarcón, Karina",
    "Torres Villanueva, Diego Alonso",
    "Espinoza Huaranga, Milagros",
    "Palomino Quispe, Renzo",
    "Ccahuana Layme, Yaneth",
    "Rivera Lozano, Gonzalo",
    "Arévalo Tapullima, Nancy",
    "Benites Zapata, Óscar Eduardo",
    "Zegarra Medina, Patricia",
    "León Ugarte, Manuel Antonio",
    "Tello Pinedo, Claudia",
    "Salas Ticona, Edwin",
    "Cárdenas Loayza, María Teresa",
    "Yupanqui Ramos, Julio César",
)

_CONFLICTS = {
    "es": (
        "Los autores declaran no tener conflictos de interés.",
        "Los autores declaran no tener conflictos de interés en relación con la tecnología "
        "evaluada. La evaluación se financió con recursos institucionales.",
        "Un revisor clínico externo declaró haber recibido honorarios por conferencias de "
        "un fabricante de la tecnología; no participó en la formulación de la recomendación.",
    ),
    "en": ("The authors declare no conflicts of interest.",),
}

# fmt: off
_REPORTS: tuple[_Report, ...] = (
    # --- IETSI-EsSalud: dictámenes preliminares ---
    _Report(
        "dictamen-031-2019-pembrolizumab-cpcnp",
        "Pembrolizumab en primera línea para cáncer de pulmón de células no pequeñas "
        "metastásico con PD-L1 alto",
        "ietsi-essalud", "Dictamen Preliminar N° 031-DETS-IETSI-2019",
        "dictamen-preliminar", "medicamento", "Pembrolizumab", ("L01FF02",),
        "Cáncer de pulmón de células no pequeñas metastásico", ("C34.9",),
        "Adultos con cáncer de pulmón de células no pequeñas metastásico, sin mutación de EGFR "
        "ni reordenamiento de ALK, con expresión de PD-L1 ≥ 50 %, ECOG 0-1 y sin tratamiento "
        "sistémico previo.",
        "Pembrolizumab 200 mg por vía intravenosa cada 3 semanas hasta progresión o toxicidad "
        "inaceptable (máximo 35 ciclos).",
        "Quimioterapia doble basada en platino (carboplatino con paclitaxel o pemetrexed).",
        "Sobrevida global, sobrevida libre de progresión, calidad de vida y eventos adversos "
        "de grado 3 o mayor.",
        "en-contra", "baja", "2019-08-14", "reemplazado", (),
        "cáncer de pulmón, inmunoterapia, anti-PD-1",
        "Evalúa la eficacia y seguridad de pembrolizumab en primera línea frente a "
        "quimioterapia con platino. Con un único ensayo pivotal, datos inmaduros de sobrevida "
        "global y un impacto presupuestario elevado para EsSalud, el dictamen no aprobó su uso. "
        "Fue reemplazado por el Dictamen Preliminar N° 008-DETS-IETSI-2024.",
    ),
    _Report(
        "dictamen-008-2024-pembrolizumab-cpcnp",
        "Pembrolizumab en primera línea para cáncer de pulmón de células no pequeñas "
        "metastásico con PD-L1 alto (actualización 2024)",
        "ietsi-essalud", "Dictamen Preliminar N° 008-DETS-IETSI-2024",
        "dictamen-preliminar", "medicamento", "Pembrolizumab", ("L01FF02",),
        "Cáncer de pulmón de células no pequeñas metastásico", ("C34.9",),
        "Adultos con cáncer de pulmón de células no pequeñas metastásico sin alteraciones de "
        "EGFR ni ALK, PD-L1 ≥ 50 % (anticuerpo 22C3), ECOG 0-1 y sin tratamiento sistémico "
        "previo para la enfermedad avanzada.",
        "Pembrolizumab 200 mg por vía intravenosa cada 3 semanas, hasta 2 años de tratamiento.",
        "Quimioterapia doble con platino seguida de mantenimiento con pemetrexed.",
        "Sobrevida global a 5 años, sobrevida libre de progresión, calidad de vida y eventos "
        "adversos inmunomediados.",
        "a-favor-con-condiciones", "moderada", "2024-03-20", "publicado",
        ("dictamen-031-2019-pembrolizumab-cpcnp",),
        "cáncer de pulmón, inmunoterapia, actualización",
        "Actualiza el dictamen de 2019 con el seguimiento a cinco años del ensayo KEYNOTE-024, "
        "que mostró una mejora sostenida de la sobrevida global frente a la quimioterapia. Se "
        "aprueba su uso con condiciones: prescripción por oncología médica, confirmación de "
        "PD-L1 ≥ 50 % y reporte de resultados clínicos al IETSI.",
    ),
    _Report(
        "dictamen-047-2018-pertuzumab-cancer-mama-her2",
        "Pertuzumab con trastuzumab y docetaxel en cáncer de mama metastásico HER2 positivo",
        "ietsi-essalud", "Dictamen Preliminar N° 047-DETS-IETSI-2018",
        "dictamen-preliminar", "medicamento",
        "Pertuzumab en combinación con trastuzumab y docetaxel",
        ("L01FD02", "L01FD01", "L01CD02"),
        "Cáncer de mama metastásico HER2 positivo", ("C50.9",),
        "Mujeres adultas con cáncer de mama metastásico o localmente recurrente irresecable "
        "HER2 positivo (IHQ 3+ o ISH amplificado), sin tratamiento anti-HER2 ni quimioterapia "
        "previa para la enfermedad metastásica.",
        "Pertuzumab 840 mg de carga y luego 420 mg por vía intravenosa cada 3 semanas, junto "
        "con trastuzumab y docetaxel.",
        "Trastuzumab más docetaxel.",
        "Sobrevida global, sobrevida libre de progresión, función cardiaca (fracción de "
        "eyección del ventrículo izquierdo) y eventos adversos.",
        "a-favor-con-condiciones", "moderada", "2018-11-05", "publicado", (),
        "cáncer de mama, HER2 positivo, terapia dirigida",
        "El ensayo CLEOPATRA mostró una ganancia de sobrevida global de alrededor de 16 meses "
        "al añadir pertuzumab a trastuzumab y docetaxel. El dictamen aprueba el esquema en "
        "primera línea con monitoreo ecocardiográfico cada tres meses.",
    ),
    _Report(
        "dictamen-022-2020-osimertinib-cpcnp-egfr",
        "Osimertinib en primera línea para cáncer de pulmón de células no pequeñas avanzado "
        "con mutación de EGFR",
        "ietsi-essalud", "Dictamen Preliminar N° 022-DETS-IETSI-2020",
        "dictamen-preliminar", "medicamento", "Osimertinib", ("L01EB04",),
        "Cáncer de pulmón de células no pequeñas avanzado con mutación de EGFR", ("C34.9",),
        "Adultos con cáncer de pulmón de células no pequeñas localmente avanzado o metastásico "
        "con deleción del exón 19 o mutación L858R de EGFR, sin tratamiento previo con "
        "inhibidores de tirosina cinasa.",
        "Osimertinib 80 mg por vía oral una vez al día.",
        "Gefitinib o erlotinib, inhibidores de tirosina cinasa de primera generación "
        "incluidos en el Petitorio Farmacológico de EsSalud.",
        "Sobrevida global, sobrevida libre de progresión, progresión en el sistema nervioso "
        "central y eventos adversos.",
        "en-contra", "baja", "2020-06-18", "reemplazado", (),
        "cáncer de pulmón, EGFR, inhibidores de tirosina cinasa",
        "Al momento de la evaluación solo se disponía de la sobrevida libre de progresión del "
        "ensayo FLAURA, y el costo por paciente superaba varias veces al de gefitinib. El "
        "dictamen no aprobó su uso en primera línea; fue reemplazado en 2025, tras publicarse "
        "los datos de sobrevida global.",
    ),
    _Report(
        "dictamen-015-2025-osimertinib-cpcnp-egfr",
        "Osimertinib en primera línea para cáncer de pulmón de células no pequeñas avanzado "
        "con mutación de EGFR (actualización 2025)",
        "ietsi-essalud", "Dictamen Preliminar N° 015-DETS-IETSI-2025",
        "dictamen-preliminar", "medicamento", "Osimertinib", ("L01EB04",),
        "Cáncer de pulmón de células no pequeñas avanzado con mutación de EGFR",
        ("C34.9", "C79.3"),
        "Adultos con cáncer de pulmón de células no pequeñas avanzado con mutación "
        "sensibilizante de EGFR confirmada por PCR en tiempo real, ECOG 0-2, incluidos "
        "pacientes con metástasis cerebrales asintomáticas.",
        "Osimertinib 80 mg por vía oral al día hasta progresión.",
        "Gefitinib 250 mg o erlotinib 150 mg por vía oral al día.",
        "Sobrevida global, sobrevida libre de progresión, respuesta intracraneal, calidad de "
        "vida y eventos adversos.",
        "a-favor-con-condiciones", "moderada", "2025-04-09", "publicado",
        ("dictamen-022-2020-osimertinib-cpcnp-egfr",),
        "cáncer de pulmón, EGFR, metástasis cerebrales",
        "Actualiza el dictamen de 2020 con el análisis final de sobrevida global del ensayo "
        "FLAURA (38,6 frente a 31,8 meses) y una reducción del precio ofertado. Se aprueba con "
        "condiciones de prescripción y una vigencia de dos años, tras la cual se reevaluará con "
        "datos de uso en la institución.",
    ),
    _Report(
        "dictamen-003-2021-palbociclib-cancer-mama-rh",
        "Palbociclib con letrozol en cáncer de mama avanzado RH positivo y HER2 negativo",
        "ietsi-essalud", "Dictamen Preliminar N° 003-DETS-IETSI-2021",
        "dictamen-preliminar", "medicamento", "Palbociclib en combinación con letrozol",
        ("L01EF01", "L02BG04"),
        "Cáncer de mama avanzado con receptores hormonales positivos y HER2 negativo",
        ("C50.9",),
        "Mujeres posmenopáusicas con cáncer de mama avanzado RH+/HER2−, sin tratamiento "
        "sistémico previo para la enfermedad avanzada.",
        "Palbociclib 125 mg por vía oral al día durante 21 días de cada ciclo de 28 días, más "
        "letrozol 2,5 mg al día.",
        "Letrozol 2,5 mg al día en monoterapia.",
        "Sobrevida global, sobrevida libre de progresión, calidad de vida y neutropenia de "
        "grado 3-4.",
        "a-favor-con-condiciones", "moderada", "2021-02-10", "publicado", (),
        "cáncer de mama, inhibidores de CDK4 y CDK6, hormonoterapia",
        "Los ensayos PALOMA-1 y PALOMA-2 mostraron una prolongación de la sobrevida libre de "
        "progresión de alrededor de diez meses, sin beneficio demostrado en sobrevida global. "
        "Se aprueba en pacientes con buen estado funcional y con hemograma antes de cada ciclo.",
    ),
    _Report(
        "dictamen-039-2022-empagliflozina-diabetes-cardiovascular",
        "Empagliflozina en diabetes mellitus tipo 2 con enfermedad cardiovascular establecida",
        "ietsi-essalud", "Dictamen Preliminar N° 039-DETS-IETSI-2022",
        "dictamen-preliminar", "medicamento", "Empagliflozina", ("A10BK03",),
        "Diabetes mellitus tipo 2 con enfermedad cardiovascular establecida",
        ("E11.9", "I25.1"),
        "Adultos con diabetes mellitus tipo 2 y enfermedad cardiovascular aterosclerótica "
        "establecida, con HbA1c ≥ 7 % pese a metformina a dosis máxima tolerada.",
        "Empagliflozina 10 mg por vía oral al día, añadida a metformina.",
        "Metformina más glibenclamida o insulina NPH.",
        "Mortalidad cardiovascular, hospitalización por insuficiencia cardiaca, HbA1c, "
        "hipoglucemia y cetoacidosis.",
        "a-favor", "moderada", "2022-09-28", "publicado", (),
        "diabetes, inhibidores de SGLT2, riesgo cardiovascular",
        "El ensayo EMPA-REG OUTCOME mostró una reducción del 38 % de la mortalidad "
        "cardiovascular frente a placebo en pacientes con enfermedad cardiovascular "
        "establecida. El dictamen recomienda incorporar empagliflozina al Petitorio "
        "Farmacológico de EsSalud para esta población.",
    ),
    _Report(
        "dictamen-026-2023-sacubitrilo-valsartan-icfer",
        "Sacubitrilo/valsartán en insuficiencia cardiaca con fracción de eyección reducida",
        "ietsi-essalud", "Dictamen Preliminar N° 026-DETS-IETSI-2023",
        "dictamen-preliminar", "medicamento", "Sacubitrilo/valsartán", ("C09DX04",),
        "Insuficiencia cardiaca con fracción de eyección reducida", ("I50.0",),
        "Adultos con insuficiencia cardiaca crónica sintomática (NYHA II-IV) y fracción de "
        "eyección ≤ 35 % pese a tratamiento óptimo con IECA o ARA II, betabloqueador y "
        "antagonista de mineralocorticoides.",
        "Sacubitrilo/valsartán 49/51 mg dos veces al día, titulado hasta 97/103 mg dos veces "
        "al día.",
        "Enalapril 10 mg dos veces al día.",
        "Mortalidad cardiovascular, hospitalización por insuficiencia cardiaca, calidad de "
        "vida (KCCQ), hipotensión e hiperpotasemia.",
        "a-favor-con-condiciones", "moderada", "2023-07-12", "publicado", (),
        "insuficiencia cardiaca, cardiología, ARNI",
        "El ensayo PARADIGM-HF mostró una reducción del desenlace combinado de muerte "
        "cardiovascular u hospitalización por insuficiencia cardiaca frente a enalapril. Se "
        "aprueba para pacientes que persisten sintomáticos con tratamiento óptimo, con "
        "prescripción por cardiología y control de función renal y potasio.",
    ),
    _Report(
        "dictamen-051-2021-tocilizumab-artritis-reumatoide",
        "Tocilizumab en artritis reumatoide activa con falla a inhibidores del TNF",
        "ietsi-essalud", "Dictamen Preliminar N° 051-DETS-IETSI-2021",
        "dictamen-preliminar", "medicamento", "Tocilizumab", ("L04AC07",),
        "Artritis reumatoide activa refractaria a inhibidores del TNF", ("M05.9", "M06.9"),
        "Adultos con artritis reumatoide moderada a severamente activa (DAS28 > 5,1) con "
        "respuesta inadecuada o intolerancia a metotrexato y al menos un inhibidor del TNF.",
        "Tocilizumab 8 mg/kg por vía intravenosa cada 4 semanas o 162 mg por vía subcutánea "
        "semanal, con o sin metotrexato.",
        "Cambio a un segundo inhibidor del TNF (etanercept o adalimumab).",
        "Respuesta ACR50, remisión por DAS28, progresión radiográfica, infecciones graves y "
        "dislipidemia.",
        "a-favor-con-condiciones", "baja", "2021-10-20", "publicado", (),
        "artritis reumatoide, terapia biológica, reumatología",
        "La evidencia indirecta de metaanálisis en red sugiere que cambiar de mecanismo de "
        "acción tras la falla de un anti-TNF ofrece mejores tasas de respuesta que un segundo "
        "anti-TNF. Se aprueba bajo prescripción de reumatología, con tamizaje de tuberculosis "
        "latente y hepatitis B antes del inicio.",
    ),
    _Report(
        "dictamen-011-2022-nusinersen-atrofia-muscular-espinal",
        "Nusinersén en atrofia muscular espinal 5q tipo 1",
        "ietsi-essalud", "Dictamen Preliminar N° 011-DETS-IETSI-2022",
        "dictamen-preliminar", "medicamento", "Nusinersén", ("M09AX07",),
        "Atrofia muscular espinal 5q tipo 1", ("G12.0",),
        "Lactantes con diagnóstico genético de atrofia muscular espinal 5q tipo 1, con dos "
        "copias del gen SMN2 e inicio de síntomas antes de los 6 meses.",
        "Nusinersén 12 mg por vía intratecal: cuatro dosis de carga y luego una dosis cada "
        "4 meses.",
        "Mejor tratamiento de soporte (soporte ventilatorio, nutricional y rehabilitación).",
        "Sobrevida libre de ventilación permanente, hitos motores (HINE-2), calidad de vida y "
        "eventos adversos de la punción lumbar.",
        "en-contra", "baja", "2022-04-06", "publicado", (),
        "enfermedades raras, atrofia muscular espinal, neurología pediátrica",
        "El ensayo ENDEAR mostró mejoras en hitos motores y en sobrevida libre de ventilación "
        "permanente, con incertidumbre sobre el beneficio a largo plazo. Con un costo anual "
        "superior a S/ 1,5 millones por paciente y una razón de costo-efectividad muy por "
        "encima de los umbrales de referencia, el dictamen no aprobó su uso.",
    ),
    _Report(
        "dictamen-034-2024-denosumab-osteoporosis",
        "Denosumab en osteoporosis posmenopáusica con falla o intolerancia a bifosfonatos",
        "ietsi-essalud", "Dictamen Preliminar N° 034-DETS-IETSI-2024",
        "dictamen-preliminar", "medicamento", "Denosumab", ("M05BX04",),
        "Osteoporosis posmenopáusica con alto riesgo de fractura", ("M81.0",),
        "Mujeres posmenopáusicas con osteoporosis (T-score ≤ −2,5) y alto riesgo de fractura, "
        "con contraindicación, intolerancia o falla a bifosfonatos orales.",
        "Denosumab 60 mg por vía subcutánea cada 6 meses, con calcio y vitamina D.",
        "Ácido zoledrónico 5 mg por vía intravenosa una vez al año.",
        "Fracturas vertebrales y de cadera, densidad mineral ósea, hipocalcemia, osteonecrosis "
        "mandibular y fracturas tras la suspensión.",
        "a-favor-con-condiciones", "moderada", "2024-08-21", "publicado", (),
        "osteoporosis, fracturas, salud de la mujer",
        "El ensayo FREEDOM mostró una reducción del 68 % de las fracturas vertebrales nuevas "
        "frente a placebo. Se aprueba como alternativa a los bifosfonatos con la condición de "
        "asegurar la continuidad de las dosis semestrales, por el riesgo de fracturas "
        "vertebrales múltiples al interrumpir el tratamiento.",
    ),
    _Report(
        "dictamen-019-2023-mepolizumab-asma-eosinofilica",
        "Mepolizumab en asma grave eosinofílica no controlada",
        "ietsi-essalud", "Dictamen Preliminar N° 019-DETS-IETSI-2023",
        "dictamen-preliminar", "medicamento", "Mepolizumab", ("R03DX09",),
        "Asma grave eosinofílica", ("J45.9",),
        "Adultos con asma grave no controlada pese a corticoides inhalados en dosis altas más "
        "un segundo controlador, con eosinófilos en sangre ≥ 300 células/µL y dos o más "
        "exacerbaciones en el último año.",
        "Mepolizumab 100 mg por vía subcutánea cada 4 semanas, añadido al tratamiento de "
        "mantenimiento.",
        "Tratamiento de mantenimiento optimizado con corticoides orales de rescate.",
        "Exacerbaciones graves, reducción de la dosis de corticoides orales, VEF1, calidad de "
        "vida (AQLQ) y eventos adversos.",
        "a-favor-con-condiciones", "moderada", "2023-05-17", "publicado", (),
        "asma, anticuerpos monoclonales, neumología",
        "Los ensayos MENSA y SIRIUS mostraron una reducción cercana al 50 % de las "
        "exacerbaciones graves y del uso de corticoides orales. Se aprueba para el fenotipo "
        "eosinofílico confirmado, con evaluación de la respuesta a las 52 semanas para decidir "
        "la continuidad.",
    ),
    _Report(
        "dictamen-044-2020-aflibercept-edema-macular-diabetico",
        "Aflibercept intravítreo en edema macular diabético",
        "ietsi-essalud", "Dictamen Preliminar N° 044-DETS-IETSI-2020",
        "dictamen-preliminar", "medicamento", "Aflibercept intravítreo", ("S01LA05",),
        "Edema macular diabético con compromiso central", ("E11.3", "H36.0"),
        "Adultos con diabetes mellitus tipo 2 y edema macular diabético con compromiso "
        "central y agudeza visual entre 20/40 y 20/320.",
        "Aflibercept 2 mg intravítreo mensual por cinco dosis y luego cada 8 semanas.",
        "Bevacizumab 1,25 mg intravítreo, de uso fuera de etiqueta y ya disponible en la "
        "institución.",
        "Ganancia de agudeza visual (letras ETDRS), grosor macular central, número de "
        "inyecciones y endoftalmitis.",
        "en-contra", "moderada", "2020-12-02", "publicado", (),
        "retinopatía diabética, oftalmología, anti-VEGF",
        "El Protocolo T de la red DRCR no mostró diferencias clínicamente relevantes frente a "
        "bevacizumab en pacientes con agudeza visual de 20/40 o mejor, y solo un beneficio "
        "modesto con peor agudeza visual. Dada la diferencia de costos, el dictamen recomienda "
        "mantener bevacizumab como primera opción.",
    ),
    _Report(
        "dictamen-006-2025-emicizumab-hemofilia-a",
        "Emicizumab como profilaxis en hemofilia A severa con inhibidores",
        "ietsi-essalud", "Dictamen Preliminar N° 006-DETS-IETSI-2025",
        "dictamen-preliminar", "medicamento", "Emicizumab", ("B02BX06",),
        "Hemofilia A severa con inhibidores del factor VIII", ("D66",),
        "Pacientes de todas las edades con hemofilia A severa e inhibidores de alto título "
        "contra el factor VIII.",
        "Emicizumab 3 mg/kg semanal por vía subcutánea durante 4 semanas y luego 1,5 mg/kg "
        "semanal como profilaxis.",
        "Profilaxis con agentes de puenteo (complejo protrombínico activado o factor VII "
        "activado recombinante).",
        "Tasa anualizada de sangrados tratados, sangrados articulares, calidad de vida, "
        "eventos trombóticos y microangiopatía trombótica.",
        "a-favor-con-condiciones", "baja", "2025-02-19", "publicado", (),
        "hemofilia, hematología, profilaxis",
        "El ensayo HAVEN 1 mostró una reducción del 87 % de la tasa anualizada de sangrados "
        "tratados frente a la ausencia de profilaxis. Se aprueba con la condición de evitar el "
        "uso concomitante de complejo protrombínico activado en dosis altas y de registrar los "
        "eventos en el programa de hemofilia.",
    ),
    _Report(
        "dictamen-028-2022-monitoreo-continuo-glucosa",
        "Monitoreo continuo de glucosa en niños y adolescentes con diabetes mellitus tipo 1",
        "ietsi-essalud", "Dictamen Preliminar N° 028-DETS-IETSI-2022",
        "dictamen-preliminar", "dispositivo-medico",
        "Sistema de monitoreo continuo de glucosa intersticial", (),
        "Diabetes mellitus tipo 1 en población pediátrica", ("E10.9",),
        "Niños y adolescentes de 4 a 17 años con diabetes mellitus tipo 1 en esquema "
        "basal-bolo, con hipoglucemias graves recurrentes o inadvertidas.",
        "Sensor de monitoreo continuo de glucosa con alarmas, reemplazado cada 10 a 14 días.",
        "Automonitoreo de glucosa capilar con glucómetro (4 a 6 mediciones diarias).",
        "Tiempo en rango (70-180 mg/dL), hipoglucemias graves, HbA1c y calidad de vida del "
        "paciente y su familia.",
        "a-favor-con-condiciones", "baja", "2022-10-26", "publicado", (),
        "diabetes tipo 1, pediatría, dispositivos médicos",
        "Los estudios disponibles muestran un aumento del tiempo en rango y una reducción de "
        "las hipoglucemias graves frente al automonitoreo capilar, con certeza baja en "
        "población pediátrica. Se aprueba en niños con hipoglucemias graves recurrentes, con "
        "capacitación obligatoria del cuidador.",
    ),
    _Report(
        "dictamen-017-2021-implante-valvular-aortico-transcateter",
        "Implante valvular aórtico transcatéter en estenosis aórtica severa con alto riesgo "
        "quirúrgico",
        "ietsi-essalud", "Dictamen Preliminar N° 017-DETS-IETSI-2021",
        "dictamen-preliminar", "procedimiento",
        "Implante valvular aórtico transcatéter (TAVI)", (),
        "Estenosis aórtica severa sintomática", ("I35.0",),
        "Adultos con estenosis aórtica severa sintomática y riesgo quirúrgico alto (STS > 8 %) "
        "o inoperables según el equipo cardiológico.",
        "Implante valvular aórtico transcatéter por vía transfemoral con válvula "
        "balón-expandible o autoexpandible.",
        "Reemplazo valvular aórtico quirúrgico, o tratamiento médico en pacientes inoperables.",
        "Mortalidad por todas las causas a 1 año, accidente cerebrovascular, necesidad de "
        "marcapasos, fuga paravalvular y calidad de vida.",
        "a-favor-con-condiciones", "moderada", "2021-06-30", "publicado", (),
        "estenosis aórtica, cardiología intervencionista, procedimientos",
        "Los ensayos PARTNER 1 y CoreValve High Risk mostraron una mortalidad no inferior a la "
        "de la cirugía en pacientes de alto riesgo y menor mortalidad que el tratamiento "
        "médico en pacientes inoperables. Se aprueba su realización en el Instituto Nacional "
        "Cardiovascular (INCOR) con decisión de un equipo cardiológico multidisciplinario.",
    ),
    # --- INS: informes de ETS, ETS rápidas y evaluaciones multicriterio ---
    _Report(
        "ins-ets-03-2018-sofosbuvir-velpatasvir-hepatitis-c",
        "Sofosbuvir/velpatasvir en hepatitis C crónica",
        "ins", "Informe de ETS N° 03-2018-INS/CETS",
        "informe-ets", "medicamento", "Sofosbuvir/velpatasvir", ("J05AP55",),
        "Hepatitis C crónica", ("B18.2",),
        "Adultos con infección crónica por el virus de la hepatitis C de genotipos 1 a 6, sin "
        "cirrosis o con cirrosis compensada.",
        "Sofosbuvir 400 mg/velpatasvir 100 mg por vía oral una vez al día durante 12 semanas.",
        "Interferón pegilado más ribavirina durante 24 a 48 semanas.",
        "Respuesta virológica sostenida a las 12 semanas (RVS12), eventos adversos serios y "
        "descontinuación del tratamiento.",
        "a-favor-con-condiciones", "moderada", "2018-10-15", "reemplazado", (),
        "hepatitis C, antivirales de acción directa, infectología",
        "Los ensayos ASTRAL mostraron tasas de respuesta virológica sostenida superiores al "
        "95 % en todos los genotipos. Por su precio, el informe recomendó priorizar a "
        "pacientes con fibrosis avanzada (F3-F4). Fue reemplazado en 2022, cuando la reducción "
        "de precios permitió ampliar el acceso.",
    ),
    _Report(
        "ins-ets-07-2022-sofosbuvir-velpatasvir-hepatitis-c",
        "Sofosbuvir/velpatasvir como tratamiento pangenotípico de la hepatitis C crónica "
        "(actualización)",
        "ins", "Informe de ETS N° 07-2022-INS/CETS",
        "informe-ets", "medicamento", "Sofosbuvir/velpatasvir", ("J05AP55",),
        "Hepatitis C crónica", ("B18.2",),
        "Adultos y adolescentes de 12 años o más con hepatitis C crónica de cualquier "
        "genotipo y grado de fibrosis, incluidas personas con coinfección por VIH.",
        "Sofosbuvir/velpatasvir 400/100 mg al día por 12 semanas, sin genotipificación previa.",
        "Sofosbuvir más daclatasvir por 12 semanas.",
        "RVS12, eventos adversos, interacciones con antirretrovirales y costo por curación.",
        "a-favor", "moderada", "2022-08-03", "publicado",
        ("ins-ets-03-2018-sofosbuvir-velpatasvir-hepatitis-c",),
        "hepatitis C, eliminación de hepatitis virales, tratamiento pangenotípico",
        "Actualiza el informe de 2018 en el marco de la estrategia de eliminación de las "
        "hepatitis virales. Un esquema pangenotípico simplificado obtuvo respuestas "
        "virológicas sostenidas mayores al 95 % y un costo por curación menor que las "
        "alternativas. Se recomienda tratar a todas las personas con infección confirmada, sin "
        "restricción por grado de fibrosis.",
    ),
    _Report(
        "ins-ets-rapida-04-2020-ivermectina-covid-19",
        "Ivermectina en el tratamiento de la COVID-19",
        "ins", "ETS Rápida N° 04-2020-INS/UNAGESP",
        "ets-rapida", "medicamento", "Ivermectina", ("P02CF01",),
        "COVID-19", ("U07.1",),
        "Adultos con COVID-19 leve a moderada confirmada por prueba molecular o antigénica, "
        "en atención ambulatoria u hospitalaria.",
        "Ivermectina 200 µg/kg por vía oral en dosis única o durante 3 a 5 días.",
        "Atención estándar o placebo.",
        "Mortalidad, progresión a enfermedad severa, ventilación mecánica, eliminación viral "
        "y eventos adversos.",
        "en-contra", "muy-baja", "2020-05-08", "publicado", (),
        "COVID-19, antiparasitarios, reposicionamiento de fármacos",
        "La ETS rápida solo identificó estudios in vitro con concentraciones muy superiores a "
        "las alcanzables en humanos y series de casos sin grupo control. Se recomienda no usar "
        "ivermectina fuera de ensayos clínicos hasta contar con evidencia de mejor calidad.",
    ),
    _Report(
        "ins-ets-rapida-09-2023-bedaquilina-tb-mdr",
        "Esquema oral acortado con bedaquilina (BPaLM) en tuberculosis multidrogorresistente",
        "ins", "ETS Rápida N° 09-2023-INS/UNAGESP",
        "ets-rapida", "medicamento", "Bedaquilina (esquema BPaLM)",
        ("J04AK05", "J01XX08", "J01MA14"),
        "Tuberculosis pulmonar resistente a rifampicina o multidrogorresistente",
        ("A15.0", "A15.3"),
        "Adultos y adolescentes con tuberculosis pulmonar resistente a rifampicina o "
        "multidrogorresistente, confirmada por prueba molecular o de sensibilidad.",
        "Esquema totalmente oral de 6 meses con bedaquilina, pretomanid, linezolid y "
        "moxifloxacino (BPaLM).",
        "Esquema largo de 18 a 20 meses con un agente inyectable (amikacina).",
        "Éxito del tratamiento, recaída, mortalidad, pérdida auditiva y prolongación del "
        "intervalo QT.",
        "a-favor", "moderada", "2023-09-13", "publicado", (),
        "tuberculosis, tuberculosis resistente, salud pública",
        "El ensayo TB-PRACTECAL mostró mayor éxito del tratamiento y menos eventos adversos "
        "graves con el esquema BPaLM de seis meses que con los esquemas largos con "
        "inyectables. Se recomienda su incorporación a la norma técnica de tuberculosis, con "
        "electrocardiograma basal y de seguimiento.",
    ),
    _Report(
        "ins-ets-02-2021-dolutegravir-vih",
        "Dolutegravir en el tratamiento de primera línea de la infección por VIH",
        "ins", "Informe de ETS N° 02-2021-INS/CETS",
        "informe-ets", "medicamento", "Dolutegravir", ("J05AJ03",),
        "Infección por el virus de la inmunodeficiencia humana (VIH)", ("B24",),
        "Adultos y adolescentes que viven con VIH sin tratamiento antirretroviral previo, "
        "incluidas mujeres en edad fértil.",
        "Tenofovir, lamivudina y dolutegravir (TLD) en combinación a dosis fija, una tableta "
        "al día.",
        "Tenofovir, emtricitabina y efavirenz en combinación a dosis fija.",
        "Supresión virológica (< 50 copias/mL) a las 48 semanas, resistencia, descontinuación "
        "por eventos adversos, defectos del tubo neural y ganancia de peso.",
        "a-favor", "moderada", "2021-03-24", "publicado", (),
        "VIH, antirretrovirales, infectología",
        "Los ensayos NAMSAL y ADVANCE y la vigilancia de defectos del tubo neural en Botsuana "
        "respaldan la eficacia y la seguridad de dolutegravir en primera línea. Se recomienda "
        "el esquema TLD como tratamiento preferente en la norma técnica de VIH.",
    ),
    _Report(
        "ins-emc-01-2024-vacuna-vph-nonavalente",
        "Vacuna nonavalente contra el virus del papiloma humano en el esquema nacional de "
        "vacunación",
        "ins", "Evaluación Multicriterio N° 01-2024-INS/CETS",
        "evaluacion-multicriterio", "medicamento",
        "Vacuna contra el virus del papiloma humano nonavalente", ("J07BM03",),
        "Prevención del cáncer de cuello uterino y de las lesiones precancerosas asociadas "
        "al VPH",
        ("C53.9", "Z25.8"),
        "Niñas y niños de 9 a 13 años del esquema nacional de vacunación.",
        "Vacuna nonavalente contra el VPH (tipos 6, 11, 16, 18, 31, 33, 45, 52 y 58) en dosis "
        "única.",
        "Vacuna tetravalente contra el VPH (tipos 6, 11, 16 y 18) en dosis única.",
        "Prevención de NIC 2 o mayor, cobertura de los genotipos circulantes en el Perú, costo "
        "por dosis, impacto presupuestario y factibilidad de la cadena de frío.",
        "a-favor-con-condiciones", "moderada", "2024-05-29", "publicado", (),
        "virus del papiloma humano, vacunas, inmunizaciones",
        "Un panel multidisciplinario ponderó eficacia, carga de enfermedad, equidad, costos y "
        "factibilidad con el marco EVIDEM. La vacuna nonavalente obtuvo el mayor puntaje "
        "global, pero su incorporación se condiciona a un precio por dosis, a través del Fondo "
        "Rotatorio de la OPS, no mayor en 20 % al de la vacuna tetravalente.",
    ),
    _Report(
        "ins-ets-04-2019-xpert-mtb-rif-ultra",
        "Xpert MTB/RIF Ultra para el diagnóstico de tuberculosis pulmonar y resistencia a "
        "rifampicina",
        "ins", "Informe de ETS N° 04-2019-INS/CETS",
        "informe-ets", "prueba-diagnostica", "Xpert MTB/RIF Ultra", (),
        "Tuberculosis pulmonar y resistencia a rifampicina", ("A15.0", "A16.2"),
        "Personas con síntomas respiratorios y sospecha de tuberculosis pulmonar atendidas en "
        "establecimientos del primer y segundo nivel de atención.",
        "Prueba molecular automatizada Xpert MTB/RIF Ultra en una muestra de esputo.",
        "Baciloscopia de esputo y cultivo en medio Ogawa.",
        "Sensibilidad y especificidad para tuberculosis y para resistencia a rifampicina, "
        "tiempo hasta el inicio del tratamiento y costo por caso detectado.",
        "a-favor", "moderada", "2019-07-10", "publicado", (),
        "tuberculosis, diagnóstico molecular, pruebas diagnósticas",
        "Los estudios de exactitud diagnóstica mostraron una sensibilidad de 88 % frente al "
        "cultivo, mayor que la de la versión anterior de la prueba en pacientes con "
        "baciloscopia negativa. Se recomienda como prueba inicial ante la sospecha de "
        "tuberculosis, con despliegue priorizado en Lima Metropolitana y el Callao.",
    ),
    _Report(
        "ins-ets-06-2023-tamizaje-vph-autotoma",
        "Prueba molecular de VPH con autotoma para el tamizaje de cáncer de cuello uterino",
        "ins", "Informe de ETS N° 06-2023-INS/CETS",
        "informe-ets", "tamizaje", "Prueba molecular de VPH con autotoma vaginal", (),
        "Cáncer de cuello uterino", ("C53.9", "Z12.4"),
        "Mujeres de 30 a 49 años atendidas en el primer nivel de atención, incluidas zonas "
        "rurales con acceso limitado a servicios de ginecología.",
        "Detección de VPH de alto riesgo por PCR en muestra obtenida por autotoma, cada "
        "5 años.",
        "Inspección visual con ácido acético (IVAA) o citología cervical (Papanicolaou) cada "
        "3 años.",
        "Detección de NIC 2 o mayor, cobertura de tamizaje, aceptabilidad, seguimiento de las "
        "mujeres con resultado positivo y costo por lesión detectada.",
        "a-favor", "moderada", "2023-11-08", "publicado",
        ("ins-emc-01-2024-vacuna-vph-nonavalente",),
        "cáncer de cuello uterino, tamizaje, salud de la mujer",
        "La prueba molecular de VPH es más sensible que la citología para detectar NIC 2 o "
        "mayor, y la autotoma alcanza una exactitud similar a la de la muestra tomada por "
        "personal de salud. Se recomienda como tamizaje primario, con triaje de las mujeres "
        "positivas mediante IVAA y tratamiento en la misma visita.",
    ),
    _Report(
        "ins-emc-02-2025-abiraterona-cancer-prostata",
        "Abiraterona en cáncer de próstata metastásico sensible a la castración",
        "ins", "Evaluación Multicriterio N° 02-2025-INS/CETS",
        "evaluacion-multicriterio", "medicamento", "Acetato de abiraterona", ("L02BX03",),
        "Cáncer de próstata metastásico sensible a la castración", ("C61",),
        "Varones adultos con cáncer de próstata metastásico de alto riesgo, sensible a la "
        "castración y de diagnóstico reciente.",
        "Abiraterona 1000 mg más prednisona 5 mg al día por vía oral, junto con terapia de "
        "deprivación androgénica.",
        "Terapia de deprivación androgénica sola o con docetaxel.",
        "Sobrevida global, tiempo hasta la progresión del PSA, eventos esqueléticos, calidad "
        "de vida, hipertensión e hipopotasemia.",
        "a-favor-con-condiciones", "moderada", "2025-03-12", "publicado", (),
        "cáncer de próstata, hormonoterapia, oncología",
        "Un análisis de decisión multicriterio priorizó alternativas para el Petitorio "
        "Nacional Único de Medicamentos Esenciales. Abiraterona obtuvo alto puntaje en "
        "eficacia (ensayo LATITUDE) y en factibilidad por la disponibilidad de genéricos; se "
        "recomienda su inclusión para pacientes de alto riesgo, con control de presión "
        "arterial y potasio.",
    ),
    # --- DIGEMID: revisiones sistemáticas y evaluaciones económicas (PNUME) ---
    _Report(
        "digemid-rs-02-2019-rivaroxaban-fibrilacion-auricular",
        "Rivaroxabán frente a warfarina en fibrilación auricular no valvular",
        "digemid", "Revisión Sistemática N° 02-2019-DIGEMID-DFAU/MINSA",
        "revision-sistematica", "medicamento", "Rivaroxabán", ("B01AF01",),
        "Fibrilación auricular no valvular", ("I48.9",),
        "Adultos con fibrilación auricular no valvular y CHA₂DS₂-VASc ≥ 2 que requieren "
        "anticoagulación oral.",
        "Rivaroxabán 20 mg por vía oral una vez al día (15 mg si el aclaramiento de creatinina "
        "es de 15 a 49 mL/min).",
        "Warfarina con INR objetivo entre 2 y 3.",
        "Accidente cerebrovascular y embolia sistémica, sangrado mayor, hemorragia "
        "intracraneal y mortalidad.",
        "a-favor-con-condiciones", "moderada", "2019-04-03", "publicado", (),
        "fibrilación auricular, anticoagulantes, PNUME",
        "La revisión incluyó el ensayo ROCKET AF y metaanálisis de anticoagulantes orales "
        "directos, que muestran una eficacia no inferior a la warfarina con menos hemorragias "
        "intracraneales. Sustenta su inclusión en el Petitorio Nacional Único de Medicamentos "
        "Esenciales (PNUME) para pacientes sin acceso a control regular del INR.",
    ),
    _Report(
        "digemid-rs-03-2019-ranitidina-erge",
        "Ranitidina en enfermedad por reflujo gastroesofágico",
        "digemid", "Revisión Sistemática N° 03-2019-DIGEMID-DFAU/MINSA",
        "revision-sistematica", "medicamento", "Ranitidina", ("A02BA02",),
        "Enfermedad por reflujo gastroesofágico", ("K21.9",),
        "Adultos con enfermedad por reflujo gastroesofágico sin esofagitis erosiva.",
        "Ranitidina 150 mg por vía oral dos veces al día durante 8 semanas.",
        "Omeprazol 20 mg por vía oral una vez al día.",
        "Alivio de la pirosis, curación de la esofagitis, recurrencia de síntomas y eventos "
        "adversos.",
        "a-favor-con-condiciones", "moderada", "2019-06-26", "retirado", (),
        "reflujo gastroesofágico, antiácidos, farmacovigilancia",
        "La revisión concluyó que ranitidina es menos eficaz que los inhibidores de la bomba "
        "de protones, pero una alternativa aceptable en síntomas leves. El informe fue "
        "retirado en 2020, después del retiro del mercado de los productos con ranitidina por "
        "la presencia de la impureza N-nitrosodimetilamina (NDMA).",
    ),
    _Report(
        "digemid-ee-01-2021-insulina-glargina-diabetes-tipo-1",
        "Costo-efectividad de la insulina glargina en diabetes mellitus tipo 1",
        "digemid", "Evaluación Económica N° 01-2021-DIGEMID-DFAU/MINSA",
        "evaluacion-economica", "medicamento", "Insulina glargina", ("A10AE04",),
        "Diabetes mellitus tipo 1", ("E10.9",),
        "Niños, adolescentes y adultos con diabetes mellitus tipo 1 atendidos en "
        "establecimientos del Ministerio de Salud.",
        "Insulina glargina 100 UI/mL una vez al día como insulina basal.",
        "Insulina humana NPH dos veces al día.",
        "Hipoglucemias graves y nocturnas, HbA1c, años de vida ajustados por calidad (AVAC), "
        "razón de costo-efectividad incremental e impacto presupuestario a 5 años.",
        "a-favor-con-condiciones", "baja", "2021-09-15", "publicado", (),
        "diabetes tipo 1, insulinas, costo-efectividad",
        "Un modelo de Markov con horizonte de 40 años estimó una razón de costo-efectividad "
        "incremental de S/ 18 500 por AVAC, por debajo de un PIB per cápita, impulsada por la "
        "reducción de las hipoglucemias nocturnas. Se recomienda su inclusión en el PNUME, "
        "priorizando a pacientes con hipoglucemias recurrentes con NPH.",
    ),
    _Report(
        "digemid-rs-03-2022-levetiracetam-epilepsia-focal",
        "Levetiracetam en epilepsia focal",
        "digemid", "Revisión Sistemática N° 03-2022-DIGEMID-DFAU/MINSA",
        "revision-sistematica", "medicamento", "Levetiracetam", ("N03AX14",),
        "Epilepsia focal", ("G40.1", "G40.2"),
        "Niños mayores de 1 mes y adultos con epilepsia focal, con o sin generalización "
        "secundaria.",
        "Levetiracetam por vía oral, de 500 a 1500 mg dos veces al día en adultos y de 20 a "
        "30 mg/kg/día en niños.",
        "Carbamazepina o ácido valproico.",
        "Libertad de crisis a 12 meses, retención del tratamiento, eventos adversos "
        "conductuales y teratogenicidad.",
        "a-favor", "moderada", "2022-06-22", "publicado", (),
        "epilepsia, anticonvulsivantes, neurología",
        "La revisión incluyó el ensayo SANAD II y registros de embarazo. Levetiracetam mostró "
        "una eficacia similar a la de carbamazepina, con mejor perfil en mujeres en edad "
        "fértil y menos interacciones. Se recomienda su inclusión en el PNUME como alternativa "
        "de primera línea.",
    ),
    _Report(
        "digemid-ee-02-2023-erenumab-migrana-cronica",
        "Costo-efectividad de erenumab en la prevención de migraña crónica",
        "digemid", "Evaluación Económica N° 02-2023-DIGEMID-DFAU/MINSA",
        "evaluacion-economica", "medicamento", "Erenumab", ("N02CD01",),
        "Migraña crónica", ("G43.9",),
        "Adultos con migraña crónica (15 o más días de cefalea al mes) con falla de al menos "
        "dos tratamientos preventivos orales.",
        "Erenumab 70 o 140 mg por vía subcutánea una vez al mes.",
        "Toxina botulínica tipo A o topiramato.",
        "Días de migraña al mes, AVAC, razón de costo-efectividad incremental e impacto "
        "presupuestario.",
        "en-contra", "moderada", "2023-10-04", "publicado", (),
        "migraña, cefalea, evaluación económica",
        "El modelo estimó una razón de costo-efectividad incremental superior a tres PIB per "
        "cápita por AVAC frente a toxina botulínica, con un impacto presupuestario de "
        "S/ 42 millones a 5 años. No se recomienda su inclusión en el PNUME al precio actual.",
    ),
    _Report(
        "digemid-rs-01-2024-tiotropio-epoc",
        "Tiotropio en enfermedad pulmonar obstructiva crónica estable",
        "digemid", "Revisión Sistemática N° 01-2024-DIGEMID-DFAU/MINSA",
        "revision-sistematica", "medicamento", "Bromuro de tiotropio", ("R03BB04",),
        "Enfermedad pulmonar obstructiva crónica", ("J44.9",),
        "Adultos con EPOC estable moderada a muy severa (GOLD 2-4) con disnea persistente.",
        "Tiotropio inhalado una vez al día: 18 µg en polvo seco o 5 µg en inhalador de niebla "
        "fina.",
        "Bromuro de ipratropio inhalado cuatro veces al día.",
        "Exacerbaciones, hospitalizaciones, VEF1, calidad de vida (SGRQ) y eventos "
        "cardiovasculares.",
        "a-favor", "alta", "2024-01-31", "publicado", (),
        "EPOC, broncodilatadores, enfermedades respiratorias",
        "Una revisión Cochrane y el ensayo UPLIFT muestran que tiotropio reduce las "
        "exacerbaciones y hospitalizaciones frente a ipratropio, con un perfil de seguridad "
        "cardiovascular favorable. Sustenta su inclusión en el PNUME como broncodilatador de "
        "mantenimiento.",
    ),
    _Report(
        "digemid-ee-evolocumab-hipercolesterolemia-familiar",
        "Costo-efectividad de evolocumab en hipercolesterolemia familiar heterocigota",
        "digemid", "Evaluación Económica N° 03-{year}-DIGEMID-DFAU/MINSA",
        "evaluacion-economica", "medicamento", "Evolocumab", ("C10AX13",),
        "Hipercolesterolemia familiar heterocigota", ("E78.0",),
        "Adultos con hipercolesterolemia familiar heterocigota y colesterol LDL ≥ 100 mg/dL "
        "pese a estatinas de alta intensidad más ezetimiba.",
        "Evolocumab 140 mg por vía subcutánea cada 2 semanas.",
        "Estatina de alta intensidad más ezetimiba.",
        "Reducción del colesterol LDL, eventos cardiovasculares mayores, AVAC e impacto "
        "presupuestario.",
        "sin-recomendacion", "baja", 5, "consulta-publica", (),
        "dislipidemia, hipercolesterolemia familiar, consulta pública",
        "Borrador de evaluación económica sometido a consulta pública. El modelo preliminar "
        "estima que evolocumab solo sería costo-efectivo con una reducción de precio superior "
        "al 60 %. Se reciben comentarios de profesionales, sociedades científicas, "
        "organizaciones de pacientes e industria.",
    ),
    # --- MINSA ---
    _Report(
        "minsa-ee-001-2020-dialisis-peritoneal",
        "Costo-utilidad de la diálisis peritoneal frente a la hemodiálisis en enfermedad renal "
        "crónica estadio 5",
        "minsa", "Informe de Evaluación Económica N° 001-2020-MINSA/DGIESP",
        "evaluacion-economica", "procedimiento",
        "Diálisis peritoneal continua ambulatoria y automatizada", (),
        "Enfermedad renal crónica estadio 5", ("N18.5",),
        "Adultos con enfermedad renal crónica estadio 5 que inician terapia de reemplazo "
        "renal, en especial en regiones sin centros de hemodiálisis cercanos.",
        "Diálisis peritoneal (continua ambulatoria o automatizada) en el domicilio, con "
        "seguimiento mensual.",
        "Hemodiálisis en centro, tres sesiones por semana.",
        "Sobrevida, peritonitis, hospitalizaciones, calidad de vida, costo por paciente-año y "
        "gasto de bolsillo en traslados.",
        "a-favor-con-condiciones", "baja", "2020-09-09", "publicado", (),
        "enfermedad renal crónica, diálisis, costo-utilidad",
        "El análisis de costo-utilidad desde la perspectiva del financiador estimó que la "
        "diálisis peritoneal es menos costosa y de efectividad similar a la hemodiálisis en "
        "centro, con ahorros en traslados para pacientes de zonas alejadas. Se recomienda una "
        "política de «diálisis peritoneal primero» con capacitación de equipos regionales.",
    ),
    _Report(
        "minsa-rs-002-2019-suplementacion-hierro-anemia-infantil",
        "Suplementación preventiva con hierro en niños de 6 a 35 meses para la prevención de "
        "la anemia",
        "minsa", "Revisión Sistemática N° 002-2019-MINSA/DGIESP",
        "revision-sistematica", "programa-salud-publica",
        "Suplementación preventiva con hierro y consejería nutricional en niños de 6 a 35 "
        "meses",
        (),
        "Anemia por deficiencia de hierro en la primera infancia", ("D50.9",),
        "Niñas y niños de 6 a 35 meses atendidos en establecimientos del primer nivel, con "
        "énfasis en zonas altoandinas.",
        "Suplementación diaria con gotas o jarabe de hierro, visitas domiciliarias y sesiones "
        "demostrativas de preparación de alimentos ricos en hierro.",
        "Tamizaje de hemoglobina y tratamiento solo de los casos de anemia.",
        "Prevalencia de anemia, adherencia a la suplementación, desarrollo infantil y eventos "
        "adversos gastrointestinales.",
        "a-favor", "moderada", "2019-12-11", "publicado", (),
        "anemia, nutrición infantil, primera infancia",
        "La revisión de ensayos comunitarios mostró que la suplementación preventiva reduce "
        "la prevalencia de anemia cuando se acompaña de consejería y visitas domiciliarias que "
        "mejoran la adherencia. Sustenta el Plan Multisectorial de Lucha contra la Anemia, con "
        "ajuste de la hemoglobina por altitud en el diagnóstico.",
    ),
    _Report(
        "minsa-ee-003-2022-tamizaje-neonatal-ampliado",
        "Costo-efectividad del tamizaje neonatal ampliado",
        "minsa", "Informe de Evaluación Económica N° 003-2022-MINSA/DGIESP",
        "evaluacion-economica", "tamizaje", "Tamizaje neonatal ampliado", (),
        "Hipotiroidismo congénito, fenilcetonuria, hiperplasia suprarrenal congénita, "
        "galactosemia y fibrosis quística",
        ("E03.1", "E70.0", "E25.0", "E74.2", "E84.9"),
        "Recién nacidos en establecimientos del Ministerio de Salud y de los gobiernos "
        "regionales.",
        "Muestra de sangre de talón en papel filtro entre las 48 horas y los 7 días de vida, "
        "analizada para cinco enfermedades.",
        "Tamizaje neonatal solo de hipotiroidismo congénito.",
        "Casos detectados, discapacidad intelectual evitada, AVAC, costo por caso detectado e "
        "impacto presupuestario.",
        "a-favor", "moderada", "2022-03-16", "publicado", (),
        "tamizaje neonatal, recién nacidos, enfermedades metabólicas",
        "Un árbol de decisión mostró que ampliar el tamizaje de una a cinco enfermedades es "
        "costo-efectivo, con S/ 9 800 por AVAC ganado. Se recomienda su implementación "
        "progresiva, con el laboratorio de referencia del Instituto Nacional Materno Perinatal "
        "y entrega de resultados en menos de 10 días.",
    ),
    _Report(
        "minsa-rs-telemonitoreo-hipertension-arterial",
        "Telemonitoreo de la presión arterial en pacientes con hipertensión en el primer "
        "nivel de atención",
        "minsa", "Revisión Sistemática N° 004-{year}-MINSA/DIGTEL",
        "revision-sistematica", "programa-salud-publica",
        "Telemonitoreo de la presión arterial en el primer nivel de atención", (),
        "Hipertensión arterial esencial", ("I10",),
        "Adultos con hipertensión arterial esencial no controlada atendidos en centros de "
        "salud del primer nivel.",
        "Automedición domiciliaria de la presión arterial con transmisión de datos por "
        "aplicación móvil y seguimiento del personal de salud mediante telemonitoreo.",
        "Control presencial en consultorio cada 1 a 3 meses.",
        "Control de la presión arterial a 6 y 12 meses, adherencia al tratamiento, eventos "
        "cardiovasculares y satisfacción de los usuarios.",
        "a-favor-con-condiciones", "baja", 5, "consulta-publica", (),
        "hipertensión arterial, telesalud, primer nivel de atención",
        "Borrador sometido a consulta pública. Los ensayos incluidos muestran una reducción de "
        "4 a 6 mmHg en la presión sistólica con telemonitoreo frente a la atención habitual, "
        "con certeza baja en países de ingresos medios. Se propone implementarlo en "
        "establecimientos con conectividad y personal capacitado en telesalud.",
    ),
    _Report(
        "ins-ets-rapida-troponina-ultrasensible-dolor-toracico",
        "Troponina de alta sensibilidad con algoritmo de 0/1 hora en dolor torácico agudo",
        "ins", "ETS Rápida N° 15-{year}-INS/UNAGESP",
        "ets-rapida", "prueba-diagnostica",
        "Troponina cardiaca de alta sensibilidad con algoritmo de 0/1 hora", (),
        "Síndrome coronario agudo sin elevación del segmento ST", ("I21.4", "I20.0"),
        "Adultos que acuden a emergencia con dolor torácico sugestivo de síndrome coronario "
        "agudo sin elevación del ST.",
        "Troponina cardiaca de alta sensibilidad al ingreso y a la hora, con algoritmo de "
        "descarte y confirmación rápida.",
        "Troponina convencional al ingreso y a las 6 horas.",
        "Valor predictivo negativo para infarto a 30 días, tiempo de permanencia en "
        "emergencia, eventos cardiovasculares mayores y costos.",
        "sin-recomendacion", None, 40, "en-elaboracion", (),
        "infarto de miocardio, emergencias, biomarcadores",
        "Informe en elaboración. El protocolo, publicado por transparencia, define la pregunta "
        "PICO, la estrategia de búsqueda y los criterios de selección de estudios. La "
        "recomendación se emitirá al concluir la síntesis de la evidencia y el análisis de "
        "costos.",
    ),
    _Report(
        "minsa-ee-002-2021-implante-coclear-infantil",
        "Costo-utilidad del implante coclear en niños con hipoacusia neurosensorial severa a "
        "profunda",
        "minsa", "Informe de Evaluación Económica N° 002-2021-MINSA/DGIESP",
        "evaluacion-economica", "dispositivo-medico", "Implante coclear unilateral", (),
        "Hipoacusia neurosensorial bilateral severa a profunda en la infancia", ("H90.3",),
        "Niñas y niños menores de 5 años con hipoacusia neurosensorial bilateral severa a "
        "profunda sin beneficio con audífonos tras 3 a 6 meses de uso.",
        "Implante coclear unilateral con un programa de rehabilitación auditivo-verbal de "
        "2 años.",
        "Audífonos bilaterales de alta potencia y terapia de lenguaje.",
        "Desarrollo del lenguaje oral, inclusión en la educación básica regular, AVAC y costo "
        "por año de vida ajustado por discapacidad evitado.",
        "a-favor-con-condiciones", "moderada", "2021-11-24", "publicado", (),
        "hipoacusia, implante coclear, discapacidad auditiva",
        "La evaluación de costo-utilidad con horizonte de toda la vida estimó que el implante "
        "coclear antes de los 3 años es costo-efectivo frente a los audífonos, y que el "
        "beneficio se reduce con la edad de implantación. Se recomienda financiarlo a través "
        "del Fondo Intangible Solidario de Salud (FISSAL) en centros con equipos de "
        "rehabilitación.",
    ),
    _Report(
        "ins-rs-01-2022-robotic-radical-prostatectomy",
        "Robot-assisted radical prostatectomy for localised prostate cancer",
        "ins", "Revisión Sistemática N° 01-2022-INS/UNAGESP",
        "revision-sistematica", "procedimiento", "Robot-assisted radical prostatectomy", (),
        "Localised prostate cancer", ("C61",),
        "Men with clinically localised prostate cancer who are candidates for radical "
        "prostatectomy.",
        "Robot-assisted laparoscopic radical prostatectomy.",
        "Open retropubic or conventional laparoscopic radical prostatectomy.",
        "Positive surgical margins, urinary continence and erectile function at 12 months, "
        "blood transfusion, length of stay and costs.",
        "sin-recomendacion", "baja", "2022-11-30", "publicado", (),
        "prostate cancer, robotic surgery, systematic review",
        "A systematic review prepared in English for a regional network of HTA agencies. "
        "Robot-assisted surgery reduced blood loss and transfusions, with no clear difference "
        "in oncological or functional outcomes at 12 months; the evidence is of low "
        "certainty. No recommendation is made, as the cost of acquiring and maintaining a "
        "robotic platform was outside the scope of the review.",
        "en",
    ),
)
# fmt: on


def _authors(index: int) -> list[str]:
    """Two authors, a different pair for each report."""
    size = len(_AUTHORS)
    first = _AUTHORS[index % size]
    second = _AUTHORS[(index + 1 + index // size) % size]
    return [first, second]


def _report_dates(report: _Report, today: datetime.date) -> dict[str, datetime.date]:
    """Publication date (never after today, at most today-30 for final reports) and the
    consultation window of reports in public consultation."""
    dates: dict[str, datetime.date] = {}
    if isinstance(report.published, int):
        published = today - datetime.timedelta(days=report.published)
    else:
        fixed = datetime.date.fromisoformat(report.published)
        published = min(fixed, today - datetime.timedelta(days=30))
    dates["publication_date"] = published
    if report.status == "consulta-publica":
        dates["consultation_start_date"] = published
        dates["consultation_end_date"] = today + datetime.timedelta(days=10)
    elif report.org == "ietsi-essalud" and report.status in ("publicado", "reemplazado"):
        # IETSI's preliminary opinions are valid for two years
        dates["valid_until_date"] = _add_years(published, 2)
    return dates


def _report_resources(report: _Report, code: str) -> list[dict[str, Any]]:
    base = f"{DATA_HOST}/renetsa/{report.org}/{report.name}"
    if report.language == "en":
        return [
            _resource(
                f"{base}/full-report.pdf",
                f"{code}: full report",
                "PDF",
                "Full text: question, search strategy, risk of bias and evidence tables.",
                resource_type="informe-completo",
            ),
            _resource(
                f"{base}/search-strategies.pdf",
                "Annex: search strategies and excluded studies",
                "PDF",
                "Search strategies in PubMed, Embase, Cochrane Library and LILACS.",
                resource_type="anexo",
            ),
        ]
    if report.status == "en-elaboracion":
        return [
            _resource(
                f"{base}/protocolo.pdf",
                "Protocolo de la evaluación",
                "PDF",
                "Pregunta PICO, fuentes de información, estrategia de búsqueda y criterios de "
                "selección de estudios.",
                resource_type="anexo",
            )
        ]
    resources = [
        _resource(
            f"{base}/informe-completo.pdf",
            f"{code}: informe completo",
            "PDF",
            "Texto completo con la pregunta PICO, la búsqueda y evaluación de la evidencia y "
            "el sustento de la recomendación.",
            resource_type="informe-completo",
        )
    ]
    if report.status == "consulta-publica":
        resources.append(
            _resource(
                f"{base}/formulario-comentarios.docx",
                "Formulario para comentarios de la consulta pública",
                "DOCX",
                "Formato para enviar comentarios y evidencia adicional, con la sección y la "
                "página a las que se refieren.",
                resource_type="anexo",
            )
        )
    else:
        resources.append(
            _resource(
                f"{base}/resumen-ejecutivo.pdf",
                "Resumen ejecutivo",
                "PDF",
                "Resumen de dos páginas con los hallazgos principales y la recomendación.",
                resource_type="resumen",
            )
        )
    if report.report_type == "evaluacion-economica":
        resources.append(
            _resource(
                f"{base}/modelo-economico.xlsx",
                "Modelo económico",
                "XLSX",
                "Hoja de cálculo con los parámetros de costos y efectividad, el análisis de "
                "sensibilidad y el impacto presupuestario.",
                resource_type="datos",
            )
        )
    elif report.report_type == "revision-sistematica":
        resources.append(
            _resource(
                f"{base}/anexo-busqueda.pdf",
                "Anexo: estrategias de búsqueda y estudios excluidos",
                "PDF",
                "Estrategias de búsqueda en PubMed, Embase, Cochrane Library y LILACS, y "
                "motivos de exclusión de los estudios.",
                resource_type="anexo",
            )
        )
    return resources


def _hta_reports(today: datetime.date) -> list[dict[str, Any]]:
    datasets = []
    for index, report in enumerate(_REPORTS):
        dates = _report_dates(report, today)
        code = report.code.format(year=dates["publication_date"].year)
        description = report.summary
        if report.status == "consulta-publica":
            description += (
                f" La consulta pública está abierta del "
                f"{_dmy(dates['consultation_start_date'])} al "
                f"{_dmy(dates['consultation_end_date'])}."
            )
        conflicts = _CONFLICTS[report.language]
        fields: dict[str, Any] = {
            "report_code": code,
            "report_type": report.report_type,
            "technology_type": report.technology_type,
            "technology_name": report.technology,
            "atc_codes": list(report.atc) or None,
            "condition": report.condition,
            "icd10_codes": list(report.icd10),
            "population": report.population,
            "intervention": report.intervention,
            "comparator": report.comparator,
            "outcomes": report.outcomes,
            "recommendation": report.recommendation,
            "evidence_certainty": report.certainty,
            "status": report.status,
            **{key: _iso(value) for key, value in dates.items()},
            "authors": _authors(index),
            "conflicts_of_interest": conflicts[index % len(conflicts)],
            "related_reports": list(report.related) or None,
            "language": report.language,
        }
        keywords = "health technology assessment" if report.language == "en" else "ETS"
        datasets.append(
            _dataset(
                "hta-report",
                report.name,
                report.title,
                description,
                report.org,
                HTA_GROUP,
                _tag_string(report.keywords, keywords),
                _report_resources(report, code),
                fields,
            )
        )
    return datasets


# --- scholarship -------------------------------------------------------------


class _Call(NamedTuple):
    name: str
    program: str
    label: str  # the title, without the call year
    modalities: tuple[str, ...]
    levels: tuple[str, ...]
    destination: str
    targets: tuple[str, ...]
    regions: tuple[str, ...]
    opens: int  # days from today (negative: in the past)
    closes: int
    vacancies: int
    benefits: tuple[str, ...]
    loan: tuple[float, float] | None  # (maximum amount in PEN, annual interest rate %)
    max_age: int | None
    requirements: tuple[str, ...]
    institutions: tuple[str, ...]
    path: str  # of the call's page on www.pronabec.gob.pe
    rde: int  # number of the R.D.E. that approves the call's rules
    keywords: str
    summary: str


_BECA18_BENEFITS = (
    "matricula",
    "pension",
    "nivelacion-academica",
    "idioma-ingles",
    "titulacion",
    "alimentacion",
    "alojamiento",
    "movilidad-local",
    "materiales-estudio",
    "laptop",
    "tutoria",
)
_BECA18_REQUIREMENTS = (
    "Tener nacionalidad peruana.",
    "Haber concluido la educación secundaria o estar cursando el quinto grado en el año de "
    "la convocatoria.",
    "Acreditar alto rendimiento académico en los dos últimos grados de secundaria.",
    "Haber rendido el Examen Nacional de Preselección (ENP).",
)
_AGE_22 = "Tener como máximo 22 años al cierre de la postulación."
_UNIVERSITIES = {
    "unmsm": "Universidad Nacional Mayor de San Marcos",
    "uni": "Universidad Nacional de Ingeniería",
    "pucp": "Pontificia Universidad Católica del Perú",
    "unsa": "Universidad Nacional de San Agustín de Arequipa",
    "unt": "Universidad Nacional de Trujillo",
    "unsaac": "Universidad Nacional de San Antonio Abad del Cusco",
    "unap": "Universidad Nacional de la Amazonía Peruana",
    "unia": "Universidad Nacional Intercultural de la Amazonía",
    "unu": "Universidad Nacional de Ucayali",
    "una-puno": "Universidad Nacional del Altiplano",
    "senati": "Servicio Nacional de Adiestramiento en Trabajo Industrial (SENATI)",
    "sencico": "Servicio Nacional de Capacitación para la Industria de la Construcción (SENCICO)",
}

# Beca 18 has one call per modality:
# (modality, label, levels, targets, regions, opens, closes, vacancies, max_age,
#  extra requirements, eligible institutions, keywords, summary)
# fmt: off
_BECA18_MODALITIES: tuple[tuple[Any, ...], ...] = (
    (
        "ordinaria", "Ordinaria", ("pregrado", "tecnico-superior"),
        ("alto-rendimiento", "pobreza", "pobreza-extrema"), NATIONAL, -45, 0, 6700, 22,
        (
            "Pertenecer a un hogar en situación de pobreza o pobreza extrema según el Sistema "
            "de Focalización de Hogares (SISFOH).",
            _AGE_22,
        ),
        (
            _UNIVERSITIES["unmsm"], _UNIVERSITIES["uni"], _UNIVERSITIES["pucp"],
            _UNIVERSITIES["unsa"], _UNIVERSITIES["unt"], _UNIVERSITIES["senati"],
        ),
        "pobreza, pregrado",
        "Beca integral para estudios universitarios o técnicos de jóvenes con alto "
        "rendimiento académico en situación de pobreza o pobreza extrema. Cubre la carrera "
        "completa en una institución de educación superior elegible del país, con "
        "acompañamiento académico y socioemocional.",
    ),
    (
        "proteccion", "Protección", ("pregrado", "tecnico-superior"),
        ("pobreza", "pobreza-extrema"), NATIONAL, -20, 2, 350, 22,
        (
            "Encontrarse en situación de desprotección familiar, residir o haber residido en "
            "un Centro de Acogida Residencial, o haber sido víctima de trabajo infantil o de "
            "trata de personas, acreditado por el MIMP.",
            _AGE_22,
        ),
        (),
        "protección, adolescentes",
        "Dirigida a adolescentes y jóvenes en situación de desprotección familiar o que "
        "residen o residieron en Centros de Acogida Residencial. Cubre estudios de pregrado "
        "universitario o técnico con un acompañamiento reforzado durante la carrera.",
    ),
    (
        "huallaga", "Huallaga", ("pregrado", "tecnico-superior"),
        ("huallaga", "pobreza"), HUALLAGA, -12, 15, 500, 22,
        (
            "Haber concluido la secundaria en una institución educativa de un distrito del "
            "ámbito de intervención del Huallaga.",
            _AGE_22,
        ),
        (
            "Universidad Nacional Agraria de la Selva",
            "Universidad Nacional Hermilio Valdizán",
            "Universidad Nacional de San Martín",
            _UNIVERSITIES["unu"],
        ),
        "Huallaga, Amazonía",
        "Para jóvenes que estudiaron la secundaria en los distritos del ámbito del Huallaga, "
        "en Huánuco, San Martín y Ucayali. Incluye pasajes interprovinciales y alojamiento "
        "para estudiar fuera de la provincia de residencia.",
    ),
    (
        "vraem", "VRAEM", ("pregrado", "tecnico-superior"),
        ("vraem", "pobreza"), VRAEM, -12, 18, 850, 22,
        (
            "Haber concluido la secundaria en una institución educativa de un distrito del "
            "ámbito de intervención directa o de influencia del VRAEM.",
            _AGE_22,
        ),
        (
            "Universidad Nacional de San Cristóbal de Huamanga",
            "Universidad Nacional del Centro del Perú",
            _UNIVERSITIES["unsaac"],
            "Universidad Nacional de Huancavelica",
            "Universidad Nacional Micaela Bastidas de Apurímac",
        ),
        "VRAEM, zonas de intervención prioritaria",
        "Becas para jóvenes de los distritos del Valle de los Ríos Apurímac, Ene y Mantaro "
        "(VRAEM), en Apurímac, Ayacucho, Cusco, Huancavelica y Junín. Prioriza carreras con "
        "demanda en la economía regional, como agronomía, enfermería e ingeniería civil.",
    ),
    (
        "ffaa", "Licenciados de las Fuerzas Armadas", ("pregrado", "tecnico-superior"),
        ("fuerzas-armadas",), NATIONAL, -10, 25, 300, 30,
        (
            "Ser licenciado del Servicio Militar Voluntario del Ejército, la Marina de Guerra "
            "o la Fuerza Aérea, acreditado con la libreta militar.",
            "Tener como máximo 30 años al cierre de la postulación.",
        ),
        (),
        "Fuerzas Armadas, servicio militar",
        "Dirigida a licenciados del Servicio Militar Voluntario de las Fuerzas Armadas. "
        "Financia estudios universitarios o técnicos como reconocimiento al servicio prestado "
        "al país.",
    ),
    (
        "repared", "REPARED", ("pregrado", "tecnico-superior"),
        ("victimas-violencia",), NATIONAL, -10, 30, 600, None,
        (
            "Estar inscrito en el Registro Único de Víctimas (RUV) como víctima de la violencia "
            "de los años 1980-2000, o ser hijo, hija, nieto o nieta de una víctima, y estar "
            "acreditado para el Programa de Reparaciones en Educación (REPARED).",
        ),
        (),
        "REPARED, reparaciones",
        "Beca para víctimas de la violencia ocurrida en el país entre 1980 y 2000 y sus "
        "familiares inscritos en el Registro Único de Víctimas, en el marco del Plan Integral "
        "de Reparaciones. No tiene límite de edad.",
    ),
    (
        "cna-pa", "Comunidades Nativas Amazónicas y Población Afroperuana",
        ("pregrado", "tecnico-superior"),
        ("comunidades-nativas-amazonicas", "poblacion-afroperuana"), NATIONAL, -8, 35, 500,
        None,
        (
            "Pertenecer a una comunidad nativa amazónica, acreditado por la federación u "
            "organización indígena, o a la población afroperuana, acreditado con una "
            "declaración jurada.",
        ),
        (
            _UNIVERSITIES["unap"], _UNIVERSITIES["unia"], _UNIVERSITIES["unu"],
            _UNIVERSITIES["unmsm"],
        ),
        "pueblos indígenas, población afroperuana",
        "Para jóvenes de comunidades nativas amazónicas y de la población afroperuana. "
        "Incluye nivelación académica, pasajes interprovinciales y acompañamiento "
        "intercultural para favorecer la permanencia en la educación superior.",
    ),
    (
        "eib", "Educación Intercultural Bilingüe", ("pregrado",),
        ("educacion-intercultural-bilingue",), NATIONAL, -5, 40, 200, None,
        (
            "Dominar una lengua originaria a nivel oral y escrito, acreditado con la "
            "evaluación de dominio de lengua del Ministerio de Educación.",
            "Postular a la carrera de Educación Intercultural Bilingüe en una universidad o "
            "escuela de educación superior pedagógica elegible.",
        ),
        (_UNIVERSITIES["unia"], _UNIVERSITIES["unsaac"], _UNIVERSITIES["una-puno"]),
        "educación intercultural bilingüe, lenguas originarias",
        "Para jóvenes hablantes de lenguas originarias que desean ser docentes de Educación "
        "Intercultural Bilingüe en inicial o primaria. Busca cerrar la brecha de maestros "
        "bilingües en escuelas de comunidades quechuas, aimaras y amazónicas.",
    ),
)
# fmt: on

_BECA18_TRAVEL = {"huallaga", "vraem", "cna-pa", "eib"}  # also pay interprovincial fares
_BECA18_RDE = 163


def _beca18_calls() -> list[_Call]:
    calls = []
    for row in _BECA18_MODALITIES:
        (modality, label, levels, targets, regions, opens, closes, vacancies, max_age) = row[:9]
        extra_requirements, institutions, keywords, summary = row[9:]
        benefits = _BECA18_BENEFITS
        if modality in _BECA18_TRAVEL:
            benefits = (*benefits, "pasajes-interprovinciales")
        calls.append(
            _Call(
                f"beca-18-modalidad-{modality}",
                "beca-18",
                f"Beca 18, modalidad {label}",
                (modality,),
                levels,
                "peru",
                targets,
                regions,
                opens,
                closes,
                vacancies,
                benefits,
                None,
                max_age,
                (*_BECA18_REQUIREMENTS, *extra_requirements),
                institutions,
                "beca-18",
                _BECA18_RDE,
                f"Beca 18, {keywords}",
                summary,
            )
        )
    return calls


# fmt: off
_OTHER_CALLS: tuple[_Call, ...] = (
    # --- upcoming ---
    _Call(
        "beca-generacion-del-bicentenario", "beca-generacion-bicentenario",
        "Beca Generación del Bicentenario", (), ("maestria", "doctorado"), "extranjero",
        ("alto-rendimiento",), NATIONAL, 20, 75, 200,
        ("matricula", "pension", "idioma-ingles", "titulacion", "alimentacion", "alojamiento",
         "materiales-estudio", "seguro-salud"),
        None, None,
        (
            "Tener nacionalidad peruana.",
            "Contar con grado de bachiller o título profesional y, para doctorado, con grado "
            "de maestro.",
            "Haber pertenecido al tercio superior en el pregrado (quinto superior para "
            "doctorado).",
            "Haber sido admitido, o estar en proceso de admisión, en un programa elegible de "
            "una universidad ubicada entre las 400 mejores del mundo.",
            "Suscribir el Compromiso de Servicio al Perú.",
        ),
        (
            "Universidad de São Paulo", "Pontificia Universidad Católica de Chile",
            "Universidad Nacional Autónoma de México", "Universidad de Barcelona",
            "University of Toronto",
        ),
        "beca-generacion-del-bicentenario", 112,
        "posgrado, maestría, doctorado, estudios en el extranjero",
        "Beca para estudios de maestría y doctorado en universidades ubicadas entre las "
        "mejores del mundo según los rankings QS, THE o ARWU. Prioriza áreas de ciencia, "
        "tecnología e innovación alineadas con las prioridades nacionales; los becarios se "
        "comprometen a trabajar en el Perú al concluir sus estudios.",
    ),
    _Call(
        "credito-talento", "credito-talento", "Crédito Talento", (),
        ("pregrado", "tecnico-superior"), "peru", ("alto-rendimiento",), NATIONAL, 8, 30, 250,
        ("matricula", "pension", "alimentacion", "alojamiento", "movilidad-local",
         "materiales-estudio", "laptop"),
        (42500, 3.41), None,
        (
            "Haber postulado a Beca 18, modalidad ordinaria, en la convocatoria del año y "
            "tener la condición de no seleccionado.",
            "Haber ingresado a una institución de educación superior, sede y carrera elegible.",
            "Registrar un cotitular que asuma la obligación de pago en caso de incumplimiento.",
            "No estar inscrito en el Registro de Deudores Alimentarios Morosos (REDAM).",
        ),
        (),
        "credito-talento", 131,
        "crédito educativo, Beca 18, financiamiento de estudios",
        "Crédito educativo para quienes llegaron a la etapa final de Beca 18 y no obtuvieron "
        "la beca. Financia los conceptos académicos y de manutención que elige el estudiante "
        "y se devuelve al terminar la carrera, con un año de gracia y un plazo de 3 a 10 años.",
    ),
    _Call(
        "beca-tecnico-productiva-vraem", "beca-tecnico-productiva",
        "Beca Técnico-Productiva VRAEM", ("vraem",), ("tecnico-productiva",), "peru",
        ("vraem", "pobreza"), VRAEM, 5, 20, 300,
        ("matricula", "pension", "alimentacion", "movilidad-local", "materiales-estudio"),
        None, None,
        (
            "Tener nacionalidad peruana y como mínimo 18 años al cierre de la postulación.",
            "Haber concluido la educación primaria.",
            "Residir en un distrito del ámbito de intervención directa o de influencia del "
            "VRAEM.",
        ),
        (),
        "beca-tecnico-productiva-vraem", 98,
        "formación técnico-productiva, VRAEM, empleabilidad",
        "Cursos técnico-productivos de hasta 6 meses y 400 horas en Centros de Educación "
        "Técnico-Productiva (CETPRO) del VRAEM, en especialidades de alta demanda como "
        "industrias alimentarias, mecánica de motos y confección textil. Busca mejorar la "
        "empleabilidad de jóvenes y adultos de la zona.",
    ),
    _Call(
        "beca-hijos-de-docentes", "otro",
        "Beca Excelencia Académica para Hijos de Docentes", (), ("pregrado",), "peru",
        ("alto-rendimiento",), NATIONAL, 15, 45, 300,
        ("matricula", "pension", "nivelacion-academica", "idioma-ingles", "alimentacion",
         "alojamiento", "movilidad-local", "materiales-estudio", "laptop"),
        None, None,
        (
            "Ser hijo o hija de un docente nombrado o contratado de una institución educativa "
            "pública de Educación Básica.",
            "Haber ocupado el tercio superior en los dos últimos grados de secundaria.",
            "Haber ingresado a una universidad, sede y carrera elegible.",
        ),
        (
            _UNIVERSITIES["uni"], "Universidad Nacional Agraria La Molina",
            _UNIVERSITIES["pucp"], "Universidad Peruana Cayetano Heredia",
        ),
        "beca-hijos-de-docentes", 105,
        "docentes, pregrado, excelencia académica",
        "Beca integral de pregrado para hijas e hijos de docentes de la educación pública con "
        "alto rendimiento académico, como reconocimiento a la labor del magisterio. Cubre los "
        "estudios en universidades licenciadas elegibles.",
    ),
    _Call(
        "beca-tec", "otro", "Beca Tec", (), ("tecnico-superior",), "peru",
        ("alto-rendimiento", "pobreza", "pobreza-extrema"), NATIONAL, 25, 55, 300,
        ("matricula", "alimentacion", "alojamiento", "movilidad-local", "materiales-estudio",
         "laptop", "pasajes-interprovinciales"),
        None, None,
        (
            "Haber concluido la educación secundaria.",
            "Pertenecer a un hogar en situación de pobreza o pobreza extrema según el SISFOH.",
            "Haber ingresado a un instituto, sede y programa de estudios elegible.",
        ),
        ("TECSUP", _UNIVERSITIES["senati"], _UNIVERSITIES["sencico"]),
        "beca-tec", 140,
        "educación técnica, institutos, carreras técnicas",
        "Beca para carreras técnicas de alta demanda laboral en institutos de educación "
        "superior elegibles, en los niveles de profesional técnico, técnico y auxiliar "
        "técnico. Incluye áreas como operaciones mineras, enfermería técnica, topografía y "
        "asistencia contable.",
    ),
    _Call(
        "beca-inclusion", "otro",
        "Beca Inclusión para carreras universitarias o profesionales técnicas", (),
        ("pregrado", "tecnico-superior"), "peru", ("discapacidad",), NATIONAL, 30, 60, 10,
        ("matricula", "pension", "alimentacion", "movilidad-local", "materiales-estudio",
         "laptop", "tutoria"),
        None, None,
        (
            "Tener nacionalidad peruana.",
            "Estar inscrito en el Registro Nacional de la Persona con Discapacidad del "
            "CONADIS.",
            "Haber ingresado a una institución de educación superior, sede y carrera elegible.",
        ),
        (),
        "beca-inclusion", 151,
        "discapacidad, inclusión, educación superior",
        "Beca especial para personas con discapacidad inscritas en el CONADIS, para estudios "
        "de pregrado universitario o técnico. Cubre ajustes razonables como materiales en "
        "formatos accesibles y tutoría personalizada.",
    ),
    _Call(
        "beca-permanencia", "beca-permanencia", "Beca Permanencia de Estudios Nacional", (),
        ("pregrado",), "peru", ("alto-rendimiento", "pobreza", "pobreza-extrema"), NATIONAL,
        40, 72, 8000,
        ("alimentacion", "movilidad-local", "materiales-estudio"),
        None, None,
        (
            "Estar matriculado en una universidad pública elegible, entre el segundo y el "
            "antepenúltimo ciclo académico.",
            "Pertenecer como mínimo al medio superior de su facultad o programa de estudios.",
            "Acreditar pobreza o pobreza extrema según el SISFOH.",
        ),
        (
            _UNIVERSITIES["unmsm"], _UNIVERSITIES["una-puno"], "Universidad Nacional de Piura",
            "Universidad Nacional Pedro Ruiz Gallo",
        ),
        "beca-permanencia", 118,
        "universidades públicas, permanencia estudiantil, manutención",
        "Beca de manutención para estudiantes de universidades públicas con buen rendimiento "
        "académico y en situación de pobreza, para evitar que abandonen sus estudios. Cubre "
        "alimentación, movilidad local y útiles hasta el término de la carrera.",
    ),
    _Call(
        "beca-alianza-del-pacifico", "otro",
        "Beca Alianza del Pacífico de movilidad estudiantil y académica", (),
        ("pregrado", "doctorado"), "extranjero", ("alto-rendimiento",), NATIONAL, 50, 90, 50,
        ("alimentacion", "alojamiento", "seguro-salud"),
        None, None,
        (
            "Estar matriculado en una universidad peruana con convenio de movilidad y haber "
            "aprobado al menos el 50 % de los créditos de la carrera, o estar matriculado en "
            "un programa de doctorado.",
            "Tener un promedio ponderado acumulado mínimo de 14.",
            "Contar con una carta de aceptación de la universidad de destino en Chile, "
            "Colombia o México.",
        ),
        (
            "Universidad de Chile", "Universidad Nacional de Colombia",
            "Universidad Nacional Autónoma de México", "Pontificia Universidad Javeriana",
        ),
        "beca-alianza-del-pacifico", 127,
        "movilidad estudiantil, intercambio, Alianza del Pacífico",
        "Becas de la Plataforma de Movilidad Estudiantil y Académica de la Alianza del "
        "Pacífico para un semestre de pregrado o una estancia de investigación doctoral en "
        "Chile, Colombia o México. El país anfitrión financia la manutención y el Pronabec "
        "gestiona la convocatoria en el Perú.",
    ),
    # --- closed ---
    _Call(
        "credito-continuidad-de-estudios", "credito-continuidad-estudios",
        "Crédito Continuidad de Estudios", (), ("pregrado",), "peru",
        ("alto-rendimiento", "pobreza"), NATIONAL, -80, -50, 7000,
        ("matricula", "pension", "alimentacion", "movilidad-local", "materiales-estudio"),
        (30100, 3.55), None,
        (
            "Ser estudiante de una universidad pública o privada licenciada elegible, entre el "
            "segundo y el antepenúltimo ciclo académico.",
            "Pertenecer como mínimo al medio superior de su programa de estudios.",
            "Acreditar vulnerabilidad económica: pobreza según el SISFOH, pérdida del empleo "
            "de un miembro del hogar o reducción de los ingresos familiares.",
        ),
        (),
        "credito-continuidad-de-estudios", 76,
        "crédito educativo, continuidad de estudios, deserción universitaria",
        "Crédito educativo para estudiantes universitarios de buen rendimiento cuyos hogares "
        "redujeron su capacidad de pago. Cubre hasta 10 meses de estudios (matrícula y "
        "pensiones en universidades privadas; alimentación, movilidad y materiales en "
        "universidades públicas) y se devuelve en hasta 4 años al concluir la carrera.",
    ),
    _Call(
        "beca-tecnico-productiva-comunidades-nativas", "beca-tecnico-productiva",
        "Beca Técnico-Productiva para Comunidades Nativas Amazónicas", ("cna-pa",),
        ("tecnico-productiva",), "peru", ("comunidades-nativas-amazonicas",), ("16",),
        -120, -90, 110,
        ("matricula", "pension", "alimentacion", "alojamiento", "movilidad-local",
         "materiales-estudio", "pasajes-interprovinciales"),
        None, None,
        (
            "Pertenecer a un pueblo indígena u originario de los distritos del Plan de Cierre "
            "de Brechas del ámbito petrolero de Loreto.",
            "Contar con la constancia de la comunidad nativa o de la federación indígena.",
            "Tener como mínimo 16 años al cierre de la postulación.",
        ),
        (),
        "beca-tecnico-productiva-cna", 47,
        "pueblos indígenas, Loreto, formación técnico-productiva",
        "Becas integrales para cursos técnico-productivos presenciales de hasta 6 meses, "
        "dirigidas a integrantes de comunidades nativas de Datem del Marañón, Loreto, Alto "
        "Amazonas, Requena y Maynas. La postulación puede hacerse de manera presencial a "
        "través del apu o de la federación indígena.",
    ),
    _Call(
        "beca-tecnico-productiva-huallaga", "beca-tecnico-productiva",
        "Beca Técnico-Productiva Huallaga", ("huallaga",), ("tecnico-productiva",), "peru",
        ("huallaga", "pobreza"), HUALLAGA, -100, -75, 250,
        ("matricula", "pension", "alimentacion", "movilidad-local", "materiales-estudio"),
        None, None,
        (
            "Tener como mínimo 18 años al cierre de la postulación.",
            "Haber concluido la educación primaria.",
            "Residir en un distrito del ámbito de intervención del Huallaga en Huánuco, San "
            "Martín o Ucayali.",
        ),
        (),
        "beca-tecnico-productiva-huallaga", 58,
        "Huallaga, formación técnico-productiva, desarrollo alternativo",
        "Cursos técnico-productivos vinculados al desarrollo alternativo, como producción de "
        "cacao y café, piscicultura y carpintería, para pobladores del ámbito del Huallaga. "
        "Las clases se dictan en CETPRO de Tingo María, Aucayacu, Tocache y Aguaytía.",
    ),
    _Call(
        "beca-vocacion-de-maestro", "otro", "Beca Vocación de Maestro", (), ("pregrado",),
        "peru", ("alto-rendimiento",), NATIONAL, -150, -110, 400,
        ("matricula", "pension", "nivelacion-academica", "idioma-ingles", "titulacion",
         "alimentacion", "alojamiento", "movilidad-local", "materiales-estudio", "laptop",
         "tutoria"),
        None, None,
        (
            "Haber concluido la secundaria en el tercio superior o con promedio mínimo de 15 "
            "en los dos últimos grados.",
            "Haber ingresado a la carrera de Educación en una universidad o escuela de "
            "educación superior pedagógica elegible.",
            "Aprobar la evaluación de vocación docente del Ministerio de Educación.",
        ),
        (
            "Universidad Nacional de Educación Enrique Guzmán y Valle", _UNIVERSITIES["pucp"],
            "Universidad Peruana Cayetano Heredia", _UNIVERSITIES["unsa"],
        ),
        "beca-vocacion-de-maestro", 21,
        "formación docente, carrera de educación, vocación docente",
        "Beca integral para jóvenes con alto rendimiento que eligen la carrera de Educación, "
        "con el fin de atraer a los mejores egresados de la secundaria a la docencia. Los "
        "becarios se comprometen a enseñar en escuelas públicas al egresar.",
    ),
    _Call(
        "beca-mi-vocacion-tecnica", "otro", "Beca Mi Vocación Técnica", (),
        ("tecnico-superior",), "peru", ("alto-rendimiento", "pobreza"),
        ("04", "07", "13", "14", "15"), -60, -35, 1000,
        ("matricula", "pension", "titulacion", "alimentacion", "movilidad-local",
         "materiales-estudio"),
        None, 17,
        (
            "Estar cursando el tercer grado de secundaria en una institución educativa pública "
            "elegible de Lima Metropolitana, Callao, La Libertad, Arequipa o Lambayeque.",
            "Tener promedio mínimo de 13 en el primer y el segundo grado de secundaria.",
            "Tener como máximo 17 años al cierre de la postulación.",
        ),
        (
            _UNIVERSITIES["senati"], "TECSUP", "Cibertec", _UNIVERSITIES["sencico"],
            "Instituto Peruano de Publicidad (IPP)",
        ),
        "beca-mi-vocacion-tecnica", 66,
        "educación técnica, secundaria, formación dual",
        "Beca para escolares de tercero de secundaria que inician su formación técnica en "
        "paralelo a la secundaria y la continúan hasta titularse como profesionales técnicos, "
        "en institutos de reconocida calidad de cinco regiones.",
    ),
    _Call(
        "beca-doble-oportunidad", "otro", "Beca Doble Oportunidad", (),
        ("tecnico-productiva",), "peru", ("pobreza", "general"), NATIONAL, -200, -170, 500,
        ("pension", "alimentacion", "movilidad-local", "laptop"),
        None, 25,
        (
            "Tener entre 17 y 25 años al 31 de diciembre del año de la convocatoria.",
            "No haber concluido la educación secundaria y haber aprobado como mínimo el tercer "
            "grado.",
            "Residir en una región con oferta formativa elegible.",
        ),
        (),
        "beca-doble-oportunidad", 15,
        "secundaria incompleta, reinserción educativa, empleabilidad",
        "Beca para jóvenes con secundaria incompleta que en dos años concluyen la educación "
        "básica y, en paralelo, un curso de formación técnica vinculado a los sectores "
        "productivos de su región, para mejorar su empleabilidad e ingresos.",
    ),
    _Call(
        "beca-peru", "beca-peru", "Beca Perú", (), ("pregrado", "tecnico-superior"), "peru",
        ("alto-rendimiento", "pobreza", "vraem", "huallaga", "victimas-violencia"), NATIONAL,
        -40, -5, 1200,
        ("matricula", "pension", "idioma-ingles", "alimentacion", "movilidad-local",
         "materiales-estudio", "laptop"),
        None, None,
        (
            "Haber culminado la educación secundaria (Educación Básica Regular o Alternativa).",
            "Acreditar un promedio mínimo de 14 en los dos últimos grados de secundaria.",
            "Haber ingresado a una institución de educación superior, sede y carrera elegible.",
        ),
        (),
        "beca-peru", 88,
        "pregrado, carreras cortas, educación superior",
        "Beca para egresados de la secundaria con buen rendimiento e insuficientes recursos "
        "económicos, para estudios universitarios, carreras técnicas cortas y cursos. Otorga "
        "puntaje adicional a postulantes del VRAEM y del Huallaga, a víctimas de la violencia "
        "y a poblaciones expuestas a metales pesados.",
    ),
)
# fmt: on


def _scholarship(call: _Call, today: datetime.date) -> dict[str, Any]:
    opens = today + datetime.timedelta(days=call.opens)
    closes = today + datetime.timedelta(days=call.closes)
    # the R.D.E. approving the rules is issued a few days before the call opens
    rde_year = (opens - datetime.timedelta(days=10)).year
    legal_basis = f"R.D.E. N° {call.rde:03d}-{rde_year}-MINEDU/VMGI-PRONABEC"
    loan = call.loan
    title = f"{call.label} – Convocatoria {opens.year}"
    description = (
        f"{call.summary} Postulación en línea del {_dmy(opens)} al {_dmy(closes)}, a través "
        f"del Sistema Integrado de Becas (SIBEC)."
    )
    bases = _resource(
        f"{DATA_HOST}/pronabec/{call.name}/bases-de-la-convocatoria.pdf",
        f"Bases de la convocatoria {opens.year}",
        "PDF",
        f"Bases aprobadas por {legal_basis}: requisitos, cronograma, beneficios, criterios "
        "de prelación y compromisos del becario.",
    )
    resources = [bases]
    if call.institutions:
        resources.append(
            _resource(
                f"{DATA_HOST}/pronabec/{call.name}/instituciones-elegibles.xlsx",
                "Instituciones, sedes y programas elegibles",
                "XLSX",
                "Anexo de las bases con las instituciones de educación superior, sedes y "
                "programas de estudio elegibles.",
            )
        )
    instrument = "credito-educativo" if call.program.startswith("credito-") else "beca"
    fields: dict[str, Any] = {
        "program": call.program,
        "instrument_type": instrument,
        "call_year": opens.year,
        "modalities": list(call.modalities) or None,
        "education_levels": list(call.levels),
        "study_destination": call.destination,
        "target_groups": list(call.targets) or None,
        "eligible_regions": list(call.regions),
        "application_open_date": _iso(opens),
        "application_close_date": _iso(closes),
        "vacancies": call.vacancies,
        "benefits": list(call.benefits),
        "max_loan_amount": loan[0] if loan else None,
        "annual_interest_rate": loan[1] if loan else None,
        "max_age": call.max_age,
        "requirements": "\n".join(f"- {item}" for item in call.requirements),
        "eligible_institutions": list(call.institutions) or None,
        "application_url": f"{PRONABEC_SITE}/{call.path}/",
        "legal_basis": legal_basis,
        "contact_email": "consultas@pronabec.gob.pe",
    }
    kind = "crédito educativo" if instrument == "credito-educativo" else "becas"
    return _dataset(
        "scholarship",
        call.name,
        title,
        description,
        "pronabec",
        SCHOLARSHIP_GROUP,
        _tag_string(call.keywords, f"{kind}, Pronabec"),
        resources,
        fields,
    )


def _scholarships(today: datetime.date) -> list[dict[str, Any]]:
    return [_scholarship(call, today) for call in (*_beca18_calls(), *_OTHER_CALLS)]


# --- environmental-data --------------------------------------------------------


Position = tuple[float, float]  # (longitude, latitude), WGS 84


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def _line(*positions: Position) -> dict[str, Any]:
    return {"type": "LineString", "coordinates": [list(p) for p in positions]}


def _polygon(*positions: Position) -> dict[str, Any]:
    """A polygon from its vertices; the ring is closed and made counterclockwise
    (RFC 7946)."""
    ring = [list(p) for p in positions]
    area2 = sum(
        x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
    )
    if area2 < 0:
        ring.reverse()
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


class _EnvData(NamedTuple):
    name: str
    org: str
    title: str
    category: str
    components: tuple[str, ...]
    sectors: tuple[str, ...]
    instrument: str | None
    ubigeo: tuple[str, ...]
    geometry: dict[str, Any] | None  # None: the catalog derives coverage from ubigeo
    crs: str
    start: str
    end: str | None
    frequency: str
    resolution_m: float | None
    source: str
    keywords: str
    summary: str
    # (format, file name or service layer, name, description)
    resources: tuple[tuple[str, str, str, str], ...]


_CONTACTS = {
    "oefa": "datosabiertos@oefa.gob.pe",
    "senace": "informacion@senace.gob.pe",
    "minam": "sinia@minam.gob.pe",
}

# fmt: off
_ENVIRONMENTAL: tuple[_EnvData, ...] = (
    _EnvData(
        "calidad-agua-cuenca-rio-rimac", "oefa",
        "Calidad del agua superficial en la cuenca del río Rímac",
        "monitoreo-ambiental", ("agua", "sedimento"),
        ("mineria", "industria", "vivienda-construccion"), None,
        ("1501", "1507", "0701"),
        _line((-76.30, -11.76), (-76.38, -11.84), (-76.53, -11.90), (-76.69, -11.94),
              (-76.89, -12.00), (-77.03, -12.04), (-77.13, -12.04)),
        "EPSG:32718", "2019-01-01", "2024-12-31", "trimestral", None, "Geoportal OEFA",
        "río Rímac, calidad del agua, metales pesados",
        "Resultados de los monitoreos de calidad del agua y de sedimentos en 32 puntos, desde "
        "San Mateo (Huarochirí) hasta la desembocadura en el Callao. Incluye metales totales y "
        "disueltos (plomo, arsénico, cadmio, manganeso), coliformes termotolerantes y "
        "parámetros de campo, comparados con los Estándares de Calidad Ambiental para agua "
        "(categorías 1-A2 y 3).",
        (
            ("CSV", "resultados-monitoreo.csv", "Resultados de monitoreo 2019-2024",
             "Un registro por punto, fecha y parámetro, con unidad y límite de detección."),
            ("WMS", "puntos_monitoreo_rimac", "Puntos de monitoreo (WMS)",
             "Capa oefa:puntos_monitoreo_rimac del geoservidor del OEFA."),
        ),
    ),
    _EnvData(
        "calidad-agua-cuenca-rio-mantaro", "oefa",
        "Calidad del agua en la cuenca alta y media del río Mantaro",
        "monitoreo-ambiental", ("agua", "sedimento", "hidrobiologia"),
        ("mineria", "agricultura", "vivienda-construccion"), None,
        ("1901", "1205", "1208", "1204", "1201", "0907"), None,
        "EPSG:32718", "2018-03-01", "2023-11-30", "semestral", None, "Geoportal OEFA",
        "río Mantaro, calidad del agua, macroinvertebrados",
        "Red de 45 puntos de monitoreo desde el lago Chinchaycocha hasta la represa de "
        "Tablachaca. Reporta metales, sólidos suspendidos y macroinvertebrados bentónicos "
        "aguas abajo de los vertimientos mineros de Yauli y de las descargas urbanas del "
        "valle del Mantaro.",
        (
            ("CSV", "resultados-mantaro.csv", "Resultados de monitoreo",
             "Concentraciones por punto, campaña y parámetro."),
            ("XLSX", "indices-bioticos.xlsx", "Índices bióticos",
             "Índices BMWP/Col y EPT de macroinvertebrados bentónicos por estación."),
            ("PDF", "informe-tecnico.pdf", "Informe técnico",
             "Análisis de resultados y comparación con los ECA para agua."),
        ),
    ),
    _EnvData(
        "calidad-agua-bahia-interior-puno", "oefa",
        "Calidad del agua y de los sedimentos en la bahía interior de Puno (lago Titicaca)",
        "evaluacion-ambiental", ("agua", "sedimento", "hidrobiologia"),
        ("vivienda-construccion", "residuos-solidos"), None,
        ("210101",),
        _polygon((-70.025, -15.865), (-69.975, -15.875), (-69.955, -15.830),
                 (-69.990, -15.790), (-70.020, -15.815)),
        "EPSG:32719", "2021-04-01", "2022-03-31", "sin-actualizacion", None, "Geoportal OEFA",
        "lago Titicaca, eutrofización, aguas residuales",
        "Evaluación ambiental focalizada en la bahía interior de Puno, afectada por las "
        "descargas de aguas residuales de la ciudad y la proliferación de lenteja de agua. "
        "Incluye oxígeno disuelto, nutrientes, clorofila a y coliformes en 24 estaciones, y "
        "metales en sedimentos.",
        (
            ("GeoJSON", "estaciones.geojson", "Estaciones de muestreo",
             "Ubicación de las 24 estaciones con sus resultados por campaña."),
            ("CSV", "resultados-bahia-puno.csv", "Resultados de laboratorio",
             "Parámetros fisicoquímicos, microbiológicos y metales en sedimentos."),
        ),
    ),
    _EnvData(
        "evaluacion-ambiental-bahia-paracas", "oefa",
        "Evaluación ambiental de la bahía de Paracas",
        "evaluacion-ambiental", ("agua", "sedimento", "hidrobiologia", "flora-fauna"),
        ("pesqueria", "hidrocarburos", "industria"), None,
        ("1105",),
        _polygon((-76.33, -13.86), (-76.25, -13.85), (-76.22, -13.78), (-76.27, -13.73),
                 (-76.33, -13.77)),
        "EPSG:32718", "2020-10-01", "2020-12-15", "sin-actualizacion", None, "Geoportal OEFA",
        "bahía de Paracas, ecosistemas marinos, Reserva Nacional de Paracas",
        "Evaluación de la calidad del agua de mar, los sedimentos y las comunidades bentónicas "
        "en la bahía de Paracas, en la zona de amortiguamiento de la Reserva Nacional de "
        "Paracas. Considera la influencia de las plantas pesqueras de Pisco, la planta de "
        "fraccionamiento de líquidos de gas natural y el terminal portuario General San "
        "Martín.",
        (
            ("CSV", "resultados-paracas.csv", "Resultados de la evaluación",
             "Agua de mar, sedimentos y macrobentos por estación."),
            ("PDF", "informe-evaluacion.pdf", "Informe de evaluación ambiental",
             "Informe con la metodología, los resultados y las conclusiones."),
        ),
    ),
    _EnvData(
        "calidad-aire-la-oroya", "oefa",
        "Calidad del aire en La Oroya: dióxido de azufre y material particulado",
        "monitoreo-ambiental", ("aire",), ("mineria", "industria"), None,
        ("120801",), _point(-75.90, -11.52),
        "EPSG:32718", "2017-01-01", None, "diario", None, "Geoportal OEFA",
        "La Oroya, calidad del aire, dióxido de azufre",
        "Concentraciones horarias de dióxido de azufre (SO₂), PM10 y PM2.5 y de plomo en "
        "PM10, registradas por la estación automática de La Oroya Antigua, en el área de "
        "influencia del Complejo Metalúrgico de La Oroya. Permite comparar con los Estándares "
        "de Calidad Ambiental para aire (D.S. N° 003-2017-MINAM) y con los niveles de alerta.",
        (
            ("CSV", "concentraciones-horarias.csv", "Concentraciones horarias",
             "Serie horaria por contaminante, con marca de validación."),
            ("WMS", "estaciones_calidad_aire", "Estaciones de calidad del aire (WMS)",
             "Capa oefa:estaciones_calidad_aire con el último promedio diario."),
        ),
    ),
    _EnvData(
        "calidad-aire-lima-metropolitana", "minam",
        "Calidad del aire en Lima Metropolitana y el Callao (PM10 y PM2.5)",
        "estadistica-ambiental", ("aire",), ("transportes", "industria"), None,
        ("1501", "0701"),
        _polygon((-77.20, -12.45), (-76.75, -12.45), (-76.62, -12.00), (-76.75, -11.72),
                 (-77.18, -11.78), (-77.20, -12.10)),
        "EPSG:4326", "2015-01-01", None, "mensual", None, "SINIA",
        "calidad del aire, material particulado, Lima",
        "Promedios mensuales de PM10, PM2.5, NO₂ y O₃ de las estaciones de la red de "
        "vigilancia de la calidad del aire de Lima y Callao, consolidados por el SINIA a "
        "partir de los reportes del SENAMHI y la DIGESA. Incluye el número de días que "
        "superan el Estándar de Calidad Ambiental diario para PM2.5.",
        (
            ("CSV", "promedios-mensuales.csv", "Promedios mensuales por estación",
             "Un registro por estación, mes y contaminante."),
            ("XLSX", "dias-sobre-eca.xlsx", "Días que superan el ECA",
             "Resumen anual por estación de los días con PM2.5 sobre el ECA diario."),
            ("WMS", "pm25_promedio_anual", "PM2.5 promedio anual (WMS)",
             "Capa minam:pm25_promedio_anual interpolada a partir de las estaciones."),
        ),
    ),
    _EnvData(
        "supervision-derrame-ventanilla-2022", "oefa",
        "Supervisión del derrame de petróleo crudo en el Terminal Multiboyas N° 2 de la "
        "Refinería La Pampilla (Ventanilla, 2022)",
        "supervision", ("agua", "suelo", "sedimento", "hidrobiologia", "flora-fauna"),
        ("hidrocarburos",), "pama",
        ("070106", "150102", "1506"),
        _polygon((-77.17, -11.90), (-77.12, -11.88), (-77.15, -11.77), (-77.23, -11.58),
                 (-77.30, -11.56), (-77.24, -11.76), (-77.20, -11.90)),
        "EPSG:32718", "2022-01-15", "2023-12-31", "irregular", None, "Geoportal OEFA",
        "derrame de petróleo, Ventanilla, playas",
        "Resultados de las acciones de supervisión tras el derrame de cerca de 11 900 barriles "
        "de petróleo crudo ocurrido el 15 de enero de 2022 durante la descarga del buque Mare "
        "Doricum. Incluye el avance de la limpieza en playas de Ventanilla, Santa Rosa, Ancón, "
        "Aucallama y Chancay, los hidrocarburos totales de petróleo en agua, arena y "
        "sedimentos, y las medidas administrativas dictadas.",
        (
            ("GeoJSON", "playas-afectadas.geojson", "Playas y zonas afectadas",
             "Polígonos de las playas con su estado de limpieza en cada supervisión."),
            ("WFS", "derrame_ventanilla_2022", "Zonas afectadas (WFS)",
             "Capa oefa:derrame_ventanilla_2022 con los polígonos de afectación."),
            ("CSV", "hidrocarburos-totales.csv", "Hidrocarburos totales de petróleo",
             "Resultados de TPH en agua de mar, arena y sedimentos por punto."),
        ),
    ),
    _EnvData(
        "fiscalizacion-derrames-oleoducto-norperuano", "oefa",
        "Procedimientos sancionadores por derrames en el Oleoducto Norperuano",
        "fiscalizacion-sancion", ("agua", "suelo"), ("hidrocarburos",), None,
        ("1603", "1607", "0102", "2008"), None,
        "EPSG:4326", "2014-01-01", "2024-12-31", "semestral", None,
        "Registro de Actos Administrativos del OEFA",
        "Oleoducto Norperuano, derrames de petróleo, sanciones ambientales",
        "Resoluciones de los procedimientos administrativos sancionadores por derrames de "
        "petróleo en los tramos I y II y el ramal norte del Oleoducto Norperuano, entre ellos "
        "los de Cuninico (2014) y Chiriaco e Imaza (2016). Registra la fecha del derrame, el "
        "volumen estimado, las infracciones imputadas, las multas en UIT y las medidas "
        "correctivas.",
        (
            ("CSV", "procedimientos-sancionadores.csv", "Procedimientos sancionadores",
             "Un registro por expediente, con infracciones, multas y estado."),
            ("XLSX", "medidas-correctivas.xlsx", "Medidas correctivas",
             "Medidas correctivas ordenadas y su verificación de cumplimiento."),
        ),
    ),
    _EnvData(
        "evaluacion-derrame-cuninico-2022", "oefa",
        "Evaluación ambiental del derrame en el tramo I del Oleoducto Norperuano (Cuninico, "
        "2022)",
        "evaluacion-ambiental", ("agua", "sedimento", "suelo", "hidrobiologia"),
        ("hidrocarburos",), None,
        ("1603",), _point(-75.33, -4.77),
        "EPSG:32718", "2022-09-16", "2023-03-31", "irregular", None, "Geoportal OEFA",
        "Cuninico, río Marañón, comunidades kukama",
        "Resultados de la evaluación ambiental temprana tras el derrame del 16 de septiembre "
        "de 2022 en la quebrada Cuninico, afluente del río Marañón, en el distrito de "
        "Urarinas. Incluye hidrocarburos totales de petróleo e hidrocarburos aromáticos "
        "policíclicos en agua y sedimentos, y el estado de los peces de consumo de las "
        "comunidades kukama.",
        (
            ("CSV", "resultados-cuninico.csv", "Resultados de laboratorio",
             "TPH e hidrocarburos aromáticos policíclicos por punto y fecha."),
            ("PDF", "informe-evaluacion-temprana.pdf", "Informe de evaluación temprana",
             "Informe técnico con la delimitación del área afectada."),
        ),
    ),
    _EnvData(
        "pasivos-ambientales-mineros-hualgayoc", "minam",
        "Pasivos ambientales mineros en la provincia de Hualgayoc",
        "pasivos-ambientales", ("suelo", "agua", "sedimento"), ("mineria",), None,
        ("0607",),
        _polygon((-78.70, -6.85), (-78.48, -6.84), (-78.45, -6.64), (-78.62, -6.60),
                 (-78.72, -6.70)),
        "EPSG:32717", "2016-01-01", "2023-12-31", "anual", None, "SINIA",
        "pasivos ambientales mineros, Hualgayoc, drenaje ácido",
        "Ubicación y características de los pasivos ambientales mineros (bocaminas, "
        "desmonteras, relaveras y tajos abandonados) en los distritos de Hualgayoc, "
        "Bambamarca y Chugur, con su nivel de riesgo y la entidad responsable de su "
        "remediación. Se vincula con la calidad del agua de los ríos Hualgayoc-Arascorgue y "
        "Tingo-Maygasbamba.",
        (
            ("SHP", "pasivos-hualgayoc.zip", "Pasivos ambientales mineros (Shapefile)",
             "Puntos y polígonos de los pasivos, con su clasificación de riesgo."),
            ("WFS", "pasivos_mineros_hualgayoc", "Pasivos ambientales mineros (WFS)",
             "Capa minam:pasivos_mineros_hualgayoc."),
            ("CSV", "inventario-pasivos.csv", "Inventario de pasivos",
             "Atributos de cada pasivo: tipo, subtipo, riesgo y responsable."),
        ),
    ),
    _EnvData(
        "pasivos-ambientales-calidad-suelos-espinar", "minam",
        "Pasivos ambientales y calidad de suelos en la provincia de Espinar",
        "pasivos-ambientales", ("suelo", "agua"), ("mineria",), None,
        ("0808",), None,
        "EPSG:32719", "2013-05-01", "2022-12-31", "irregular", None, "SINIA",
        "Espinar, metales pesados, calidad de suelos",
        "Consolida los resultados del monitoreo sanitario ambiental participativo de 2013 y "
        "de las evaluaciones posteriores en las microcuencas de los ríos Salado y Cañipía, "
        "en el área de influencia de las operaciones Tintaya y Antapaccay. Registra pasivos "
        "mineros, metales en suelos y agua y su comparación con los Estándares de Calidad "
        "Ambiental para suelo.",
        (
            ("CSV", "metales-suelos-agua.csv", "Metales en suelos y agua",
             "Arsénico, cadmio, plomo, mercurio y otros metales por punto de muestreo."),
            ("PDF", "informe-consolidado.pdf", "Informe consolidado",
             "Síntesis de las evaluaciones y de los pasivos identificados."),
        ),
    ),
    _EnvData(
        "perdida-bosque-mineria-ilegal-la-pampa", "minam",
        "Pérdida de bosque por minería aurífera ilegal en La Pampa (Madre de Dios)",
        "monitoreo-ambiental", ("suelo", "flora-fauna", "agua"), ("mineria",), None,
        ("1701",),
        _polygon((-70.10, -13.02), (-69.90, -13.00), (-69.86, -12.90), (-70.05, -12.86)),
        "EPSG:32719", "2015-01-01", "2024-12-31", "anual", 30, "GEOBOSQUES",
        "minería ilegal, deforestación, Madre de Dios",
        "Superficie de bosque perdida cada año en el sector La Pampa, en la zona de "
        "amortiguamiento de la Reserva Nacional Tambopata, a lo largo de la carretera "
        "Interoceánica. Se obtiene de imágenes Landsat de 30 m e incluye la reducción de la "
        "deforestación tras la Operación Mercurio de 2019.",
        (
            ("CSV", "perdida-anual.csv", "Pérdida de bosque por año",
             "Hectáreas de bosque perdidas por año y sector."),
            ("WMS", "perdida_bosque_la_pampa", "Pérdida de bosque (WMS)",
             "Capa minam:perdida_bosque_la_pampa, ráster de 30 m por año de pérdida."),
        ),
    ),
    _EnvData(
        "efluentes-pesqueros-bahia-el-ferrol", "oefa",
        "Efluentes de la industria pesquera y calidad del agua en la bahía El Ferrol "
        "(Chimbote)",
        "supervision", ("agua", "sedimento", "hidrobiologia"), ("pesqueria", "industria"),
        "pama",
        ("021801",),
        _polygon((-78.64, -9.15), (-78.56, -9.13), (-78.57, -9.04), (-78.62, -9.02),
                 (-78.67, -9.08)),
        "EPSG:32717", "2019-04-01", "2024-11-30", "semestral", None, "Geoportal OEFA",
        "Chimbote, industria pesquera, efluentes",
        "Resultados de las supervisiones a plantas de harina y aceite de pescado de Chimbote "
        "durante las temporadas de pesca de anchoveta, con parámetros de efluentes (aceites y "
        "grasas, sólidos suspendidos totales, DBO₅) y calidad del agua de mar en la bahía El "
        "Ferrol. Incluye el cumplimiento de los límites máximos permisibles y el estado de los "
        "emisarios submarinos.",
        (
            ("CSV", "efluentes-plantas.csv", "Efluentes de plantas pesqueras",
             "Resultados por planta, temporada y parámetro frente a los LMP."),
            ("PDF", "informe-supervision.pdf", "Informe de supervisión",
             "Hallazgos de las supervisiones y recomendaciones."),
        ),
    ),
    _EnvData(
        "meia-d-proyecto-minero-las-bambas", "senace",
        "Modificación del EIA-d del Proyecto Minero Las Bambas",
        "certificacion-ambiental",
        ("agua", "aire", "suelo", "flora-fauna", "ruido-vibraciones"),
        ("mineria", "transportes"), "eia-d",
        ("0305", "0307"),
        _polygon((-72.40, -14.15), (-72.20, -14.15), (-72.18, -14.00), (-72.38, -13.98)),
        "EPSG:32718", "2019-01-01", "2021-12-31", "sin-actualizacion", None, "EVA",
        "Las Bambas, certificación ambiental, corredor minero",
        "Expediente de la modificación del Estudio de Impacto Ambiental detallado de la "
        "unidad minera Las Bambas, que incorpora el desarrollo del tajo Chalcobamba y ajustes "
        "en el transporte de concentrado por el corredor minero del sur. Contiene la línea "
        "base física y biológica, la evaluación de impactos, el plan de participación "
        "ciudadana y la resolución de aprobación.",
        (
            ("PDF", "resolucion-aprobacion.pdf", "Resolución de aprobación",
             "Resolución directoral y el informe de evaluación del Senace."),
            ("WMS", "componentes_las_bambas", "Componentes del proyecto (WMS)",
             "Capa senace:componentes_las_bambas."),
            ("WFS", "linea_base_las_bambas", "Estaciones de línea base (WFS)",
             "Capa senace:linea_base_las_bambas con las estaciones de agua, aire y ruido."),
        ),
    ),
    _EnvData(
        "meia-d-unidad-minera-quellaveco", "senace",
        "Modificación del EIA-d de la unidad minera Quellaveco",
        "certificacion-ambiental", ("agua", "aire", "suelo", "flora-fauna"), ("mineria",),
        "eia-d",
        ("1801", "1803"), None,
        "EPSG:32719", "2017-01-01", "2019-12-31", "sin-actualizacion", None, "EVA",
        "Quellaveco, Moquegua, recursos hídricos",
        "Documentación de la modificación del EIA-d de Quellaveco evaluada por el Senace, con "
        "la optimización del tajo, el depósito de relaves y el uso de agua de los ríos Titire "
        "y Vizcachas. Incluye los compromisos de la mesa de diálogo de Moquegua sobre "
        "disponibilidad hídrica y el plan de monitoreo de agua subterránea.",
        (
            ("PDF", "informe-evaluacion.pdf", "Informe de evaluación",
             "Informe técnico del Senace con las observaciones y su absolución."),
            ("CSV", "puntos-monitoreo-comprometidos.csv", "Puntos de monitoreo comprometidos",
             "Coordenadas UTM y parámetros de los puntos del plan de monitoreo."),
        ),
    ),
    _EnvData(
        "eia-d-proyecto-minero-tia-maria", "senace",
        "Estudio de Impacto Ambiental detallado del Proyecto Minero Tía María",
        "certificacion-ambiental",
        ("agua", "aire", "suelo", "flora-fauna", "ruido-vibraciones"),
        ("mineria", "agricultura"), "eia-d",
        ("0407",), None,
        "EPSG:32719", "2013-01-01", "2014-08-31", "sin-actualizacion", None, "EVA",
        "Tía María, valle de Tambo, Islay",
        "Expediente del EIA-d del proyecto de cobre Tía María y La Tapada en el valle de "
        "Tambo, provincia de Islay, que forma parte del acervo documentario del Senace. "
        "Incluye la línea base de agua superficial y subterránea del río Tambo, la planta "
        "desalinizadora de agua de mar propuesta para no usar agua del valle y la información "
        "del proceso de participación ciudadana.",
        (
            ("PDF", "resumen-ejecutivo-eia.pdf", "Resumen ejecutivo del EIA-d",
             "Resumen ejecutivo en lenguaje sencillo."),
            ("XLSX", "linea-base-agua.xlsx", "Línea base de agua",
             "Resultados de calidad de agua superficial y subterránea del río Tambo."),
        ),
    ),
    _EnvData(
        "denuncias-ambientales-sinada", "oefa",
        "Denuncias ambientales registradas en el SINADA",
        "denuncias-ambientales",
        ("agua", "aire", "suelo", "residuos-solidos", "ruido-vibraciones"),
        ("mineria", "hidrocarburos", "industria", "residuos-solidos", "otros"), None,
        ALL_DEPARTMENTS, None,
        "EPSG:4326", "2015-01-01", None, "mensual", None, "SINADA",
        "denuncias ambientales, participación ciudadana, SINADA",
        "Denuncias ambientales presentadas por la ciudadanía ante el Servicio de Información "
        "Nacional de Denuncias Ambientales (SINADA), con fecha, ubicación por distrito, "
        "componente ambiental afectado, actividad denunciada, entidad competente a la que se "
        "derivó y estado de atención. No incluye datos personales de los denunciantes.",
        (
            ("CSV", "denuncias-sinada.csv", "Denuncias ambientales",
             "Un registro por denuncia, con UBIGEO del lugar de los hechos."),
            ("XLSX", "resumen-por-departamento.xlsx", "Resumen por departamento y año",
             "Número de denuncias por departamento, año y componente."),
        ),
    ),
    _EnvData(
        "residuos-solidos-municipales-por-departamento", "minam",
        "Generación de residuos sólidos municipales por departamento",
        "estadistica-ambiental", ("residuos-solidos",),
        ("residuos-solidos", "vivienda-construccion"), None,
        ALL_DEPARTMENTS, None,
        "EPSG:4326", "2014-01-01", "2023-12-31", "anual", None, "SIGERSOL",
        "residuos sólidos, rellenos sanitarios, gestión municipal",
        "Toneladas anuales de residuos sólidos municipales generados, generación per cápita "
        "(kg/hab/día), composición y porcentaje dispuesto en rellenos sanitarios por "
        "departamento, a partir de las declaraciones de las municipalidades en el Sistema de "
        "Información para la Gestión de Residuos Sólidos (SIGERSOL).",
        (
            ("CSV", "residuos-por-departamento.csv", "Generación por departamento y año",
             "Toneladas, generación per cápita y disposición final."),
            ("XLSX", "composicion-residuos.xlsx", "Composición de los residuos",
             "Porcentaje de materia orgánica, plásticos, papel y otros por departamento."),
        ),
    ),
    _EnvData(
        "ruido-ambiental-lima-metropolitana", "oefa",
        "Niveles de ruido ambiental en Lima Metropolitana",
        "monitoreo-ambiental", ("ruido-vibraciones",), ("transportes", "otros"), None,
        ("150101", "150115", "150122", "150131", "150132", "150140"), None,
        "EPSG:32718", "2023-03-01", "2024-02-29", "anual", None, "Geoportal OEFA",
        "ruido ambiental, contaminación sonora, Lima",
        "Niveles de presión sonora continuo equivalente (LAeq) medidos en 120 puntos de "
        "avenidas e intersecciones de alto tránsito, en horario diurno y nocturno, comparados "
        "con los Estándares de Calidad Ambiental para ruido (D.S. N° 085-2003-PCM) según la "
        "zona de aplicación residencial, comercial o industrial.",
        (
            ("CSV", "niveles-ruido.csv", "Niveles de ruido por punto",
             "LAeq diurno y nocturno por punto y campaña."),
            ("GeoJSON", "puntos-ruido.geojson", "Puntos de medición",
             "Ubicación de los puntos con su zona de aplicación del ECA."),
        ),
    ),
    _EnvData(
        "calidad-agua-manglares-tumbes", "oefa",
        "Calidad del agua en los manglares de Tumbes y efluentes de langostineras",
        "evaluacion-ambiental", ("agua", "hidrobiologia", "flora-fauna"),
        ("pesqueria", "agricultura"), None,
        ("2401", "2403"),
        _polygon((-80.38, -3.47), (-80.30, -3.52), (-80.22, -3.48), (-80.24, -3.40),
                 (-80.33, -3.39)),
        "EPSG:32717", "2021-02-01", "2022-11-30", "irregular", None, "Geoportal OEFA",
        "manglares, Tumbes, acuicultura",
        "Evaluación de la calidad del agua y de las comunidades hidrobiológicas en los "
        "esteros del Santuario Nacional Los Manglares de Tumbes y su zona de amortiguamiento, "
        "donde descargan efluentes las empresas langostineras. Incluye oxígeno disuelto, "
        "nutrientes, sulfuros, coliformes y la extensión del manglar.",
        (
            ("CSV", "resultados-esteros.csv", "Resultados por estero",
             "Parámetros de agua y especies hidrobiológicas por estación."),
            ("GeoJSON", "cobertura-manglar.geojson", "Cobertura de manglar",
             "Polígonos de manglar interpretados de imágenes Sentinel-2."),
        ),
    ),
    _EnvData(
        "calidad-agua-bahia-sechura", "oefa",
        "Calidad del agua en la bahía de Sechura y el estuario de Virrilá",
        "monitoreo-ambiental", ("agua", "sedimento", "hidrobiologia"),
        ("pesqueria", "hidrocarburos", "mineria"), None,
        ("2008",), None,
        "EPSG:32717", "2018-06-01", "2024-06-30", "semestral", None, "Geoportal OEFA",
        "bahía de Sechura, maricultura, Piura",
        "Monitoreo de la calidad del agua de mar y de los sedimentos en la bahía de Sechura, "
        "principal zona de cultivo de concha de abanico del país, y en el estuario de "
        "Virrilá. Considera las descargas del río Piura, las actividades de hidrocarburos en "
        "el zócalo continental y la explotación de fosfatos de Bayóvar.",
        (
            ("CSV", "resultados-sechura.csv", "Resultados de monitoreo",
             "Parámetros por estación y campaña."),
            ("PDF", "informe-monitoreo.pdf", "Informe de monitoreo",
             "Análisis de resultados frente al ECA para agua, categoría 2."),
        ),
    ),
    _EnvData(
        "estandares-calidad-ambiental-agua-aire-suelo", "minam",
        "Estándares de Calidad Ambiental (ECA) para agua, aire y suelo",
        "normativa", ("agua", "aire", "suelo"), (), None,
        ALL_DEPARTMENTS, None,
        "EPSG:4326", "2017-06-07", None, "irregular", None, "SINIA",
        "estándares de calidad ambiental, normativa ambiental, ECA",
        "Valores de los Estándares de Calidad Ambiental vigentes en formato abierto, por "
        "parámetro, categoría y subcategoría: agua (D.S. N° 004-2017-MINAM), aire (D.S. "
        "N° 003-2017-MINAM) y suelo (D.S. N° 011-2017-MINAM). Facilita la comparación "
        "automática de resultados de monitoreo con los valores normados.",
        (
            ("CSV", "eca-valores.csv", "Valores de los ECA",
             "Un registro por norma, categoría, parámetro, unidad y valor."),
            ("PDF", "decretos-supremos.pdf", "Decretos supremos",
             "Textos de las normas publicadas en el diario oficial El Peruano."),
        ),
    ),
    _EnvData(
        "eia-d-hidrovia-amazonica", "senace",
        "Estudio de Impacto Ambiental detallado del proyecto Hidrovía Amazónica",
        "certificacion-ambiental", ("agua", "sedimento", "hidrobiologia", "flora-fauna"),
        ("transportes",), "eia-d",
        ("1601", "1602", "1603", "1605", "1606", "2501"),
        _line((-74.55, -8.38), (-74.95, -7.85), (-75.01, -7.33), (-74.80, -6.40),
              (-74.20, -5.60), (-73.84, -5.06), (-73.58, -4.51), (-73.25, -3.75)),
        "EPSG:32718", "2017-09-01", "2021-06-30", "sin-actualizacion", None, "EVA",
        "Hidrovía Amazónica, ríos amazónicos, consulta previa",
        "Expediente del EIA-d de la Hidrovía Amazónica, que proponía dragados en los malos "
        "pasos de los ríos Huallaga, Marañón, Ucayali y Amazonas para la navegación durante "
        "todo el año. Incluye la línea base de sedimentos, peces y fauna acuática, el proceso "
        "de consulta previa con pueblos indígenas y el estado final del procedimiento de "
        "evaluación.",
        (
            ("PDF", "expediente-eia-d.pdf", "Expediente del EIA-d",
             "Capítulos del estudio y resumen ejecutivo."),
            ("WFS", "malos_pasos_hidrovia", "Malos pasos (WFS)",
             "Capa senace:malos_pasos_hidrovia con los tramos de dragado propuestos."),
            ("GeoJSON", "tramos-hidrovia.geojson", "Tramos de la hidrovía",
             "Ejes de navegación por río."),
        ),
    ),
    _EnvData(
        "supervision-centrales-hidroelectricas-mantaro", "oefa",
        "Supervisión ambiental de las centrales hidroeléctricas del río Mantaro",
        "supervision", ("agua", "hidrobiologia", "flora-fauna"), ("electricidad",), "eia-d",
        ("0907",), None,
        "EPSG:32718", "2020-01-01", "2024-12-31", "anual", None, "Geoportal OEFA",
        "centrales hidroeléctricas, caudal ecológico, río Mantaro",
        "Resultados de las supervisiones al complejo hidroeléctrico del Mantaro (centrales "
        "Santiago Antúnez de Mayolo y Restitución) y a la central Cerro del Águila, en "
        "Tayacaja. Verifica el caudal ecológico aguas abajo de las presas, la gestión de "
        "sedimentos en las purgas de los embalses y el cumplimiento de los compromisos "
        "ambientales.",
        (
            ("CSV", "caudal-ecologico.csv", "Caudal ecológico verificado",
             "Caudales medidos aguas abajo de las presas frente al caudal comprometido."),
            ("PDF", "informes-supervision.pdf", "Informes de supervisión",
             "Compilación de los informes de supervisión 2020-2024."),
        ),
    ),
    _EnvData(
        "metales-aire-suelos-cerro-de-pasco", "oefa",
        "Metales pesados en el aire y los suelos de Cerro de Pasco",
        "evaluacion-ambiental", ("aire", "suelo"), ("mineria",), None,
        ("190101",), None,
        "EPSG:32718", "2019-08-01", "2020-02-29", "sin-actualizacion", None, "Geoportal OEFA",
        "Cerro de Pasco, metales pesados, salud ambiental",
        "Evaluación ambiental en el entorno del tajo Raúl Rojas y de los depósitos de relaves "
        "de Quiulacocha, con concentraciones de plomo, arsénico, cadmio y zinc en PM10 y en "
        "suelos residenciales y de áreas recreativas. Los resultados se comparan con los "
        "Estándares de Calidad Ambiental para suelo de uso residencial.",
        (
            ("CSV", "metales-suelos.csv", "Metales en suelos",
             "Concentraciones por punto de muestreo y uso de suelo."),
            ("GeoJSON", "puntos-muestreo.geojson", "Puntos de muestreo",
             "Ubicación de los puntos de aire y suelo."),
        ),
    ),
    _EnvData(
        "calidad-agua-cuenca-rio-moche", "oefa",
        "Calidad del agua en la cuenca del río Moche",
        "monitoreo-ambiental", ("agua", "sedimento"),
        ("mineria", "agricultura", "vivienda-construccion"), None,
        ("1310", "1306", "1301"), None,
        "EPSG:32717", "2018-01-01", "2024-12-31", "trimestral", None, "Geoportal OEFA",
        "río Moche, drenaje ácido de mina, La Libertad",
        "Resultados del monitoreo ambiental participativo en 28 puntos, desde las nacientes "
        "en Quiruvilca hasta la desembocadura en Trujillo, con énfasis en el drenaje ácido de "
        "los pasivos mineros de la cuenca alta. Reporta pH, metales disueltos (hierro, "
        "manganeso, zinc, cobre) y caudal.",
        (
            ("CSV", "resultados-moche.csv", "Resultados de monitoreo",
             "Parámetros de campo y metales disueltos por punto y campaña."),
            ("XLSX", "caudales.xlsx", "Caudales",
             "Caudales aforados en cada campaña."),
        ),
    ),
)
# fmt: on


def _environmental_resources(data: _EnvData) -> list[dict[str, Any]]:
    resources = []
    for fmt, target, name, description in data.resources:
        if fmt in ("WMS", "WFS"):
            url = f"{GEOSERVER}/{data.org}/{target}/{fmt.lower()}"
        else:
            url = f"{DATA_HOST}/{data.org}/{data.name}/{target}"
        resources.append(_resource(url, name, fmt, description))
    return resources


def _environmental(data: _EnvData) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "information_category": data.category,
        "environmental_components": list(data.components),
        "economic_sectors": list(data.sectors) or None,
        "environmental_instrument": data.instrument,
        "ubigeo": list(data.ubigeo),
        "spatial": json.dumps(data.geometry) if data.geometry else None,
        "crs": data.crs,
        "temporal_start_date": data.start,
        "temporal_end_date": data.end,
        "update_frequency": data.frequency,
        "spatial_resolution_m": data.resolution_m,
        "source_system": data.source,
        "contact_email": _CONTACTS[data.org],
    }
    return _dataset(
        "environmental-data",
        data.name,
        data.title,
        data.summary,
        data.org,
        ENVIRONMENT_GROUP,
        _tag_string(data.keywords, "información ambiental"),
        _environmental_resources(data),
        fields,
    )


def _environmental_datasets() -> list[dict[str, Any]]:
    return [_environmental(data) for data in _ENVIRONMENTAL]


# --- all ---------------------------------------------------------------------


def sample_datasets(today: datetime.date) -> list[dict[str, Any]]:
    """30+ hta-report, 20+ scholarship and 20+ environmental-data dataset dicts, ready for
    CKAN's package_create.

    Listed in creation order: an HTA report comes after the reports it relates to.
    """
    return [*_hta_reports(today), *_scholarships(today), *_environmental_datasets()]
