# ruff: noqa: E501  (demo prose)
"""Demo articles written for this platform. Plainly labelled as demo content on the pages."""

SERIES = {
    "title": "Why social audits fail",
    "title_es": "Por qué fracasan las auditorías sociales",
    "intro": "Four critiques of the voluntary model of corporate social responsibility, and what "
    "worker-driven programs do instead.",
    "intro_es": "Cuatro críticas del modelo voluntario de responsabilidad social empresarial, y lo "
    "que hacen en su lugar los programas impulsados por los trabajadores.",
}

# title, standfirst, claim examined, evidence, alternative, topic
# The claim examined, the evidence and the alternative of the first two critiques, in
# Spanish: their Spanish translations say it in Spanish too (issue 17).
CRITIQUES_ES = [
    (
        "Las auditorías sociales de terceros detectan y corrigen los abusos laborales en las "
        "fábricas proveedoras.",
        "Fábricas que aprobaron auditorías semanas antes de incendios mortales; entrevistas en "
        "salas junto a la oficina del gerente; auditorías pagadas por el mismo proveedor "
        "auditado.",
        "Los programas impulsados por los trabajadores combinan inspecciones sin aviso con una "
        "línea de quejas gestionada por las propias organizaciones de trabajadores, y los "
        "compradores deben actuar según lo que encuentre.",
    ),
    (
        "Un código de conducta para proveedores protege a quienes fabrican los productos de una "
        "marca.",
        "Códigos redactados por las marcas, rara vez compartidos con los trabajadores, sin "
        "obligación de dejar de comprar a los proveedores que los incumplen.",
        "Los acuerdos vinculantes obligan a los compradores a suspender las compras a los "
        "proveedores que violan las normas: consecuencias de mercado, siempre.",
    ),
]

CRITIQUES = [
    (
        "The audit that saw nothing",
        "Announced visits, checklists and a clipboard cannot find what workers are afraid to say.",
        "Third-party social audits detect and correct labor abuses in supplier factories.",
        "Factories that passed audits weeks before deadly fires; interview rooms next to the "
        "manager's office; audits paid for by the supplier being audited.",
        "Worker-driven programs pair unannounced inspections with a complaint line run by "
        "workers' own organizations, and buyers must act on what it finds.",
        "audits",
    ),
    (
        "Codes of conduct without consequences",
        "A code that costs a brand nothing when it is broken is a press release, not a standard.",
        "A supplier code of conduct protects the workers who make a brand's products.",
        "Codes written by brands, rarely shared with workers, with no duty to stop buying from "
        "suppliers that break them.",
        "Binding agreements oblige buyers to suspend purchases from suppliers that violate the "
        "standards: market consequences, every time.",
        "codes",
    ),
    (
        "Certification is not enforcement",
        "A label on the shelf tells the shopper a story the worker may never have heard.",
        "Certification labels guarantee decent working conditions.",
        "Certifiers paid by the certified; standards negotiated without the workers; complaint "
        "mechanisms few workers know exist.",
        "Worker-to-worker education on the clock, and standards workers wrote and can enforce.",
        "certification",
    ),
    (
        "Who pays for compliance?",
        "Buyers ask suppliers for better conditions while pressing them for lower prices.",
        "Suppliers can comply with social standards at the prices buyers pay.",
        "Price squeezes passed down to wages; overtime to meet rush orders the buyer placed.",
        "A premium paid by buyers, verified to reach workers, and long-term purchasing "
        "commitments with suppliers that comply.",
        "buyers",
    ),
]

# kind, title, standfirst, topic
ARTICLES = [
    (
        "analysis",
        "What twelve years of a complaint line teach us",
        "Complaints resolved, and how fast: the figures behind a working grievance mechanism.",
        "enforcement",
    ),
    (
        "news",
        "A new working group on seafood supply chains",
        "Members start a working group to study the worker-driven model in shrimp processing.",
        "enforcement",
    ),
    (
        "op_ed",
        "Voluntary is not a strategy",
        "Twenty years of voluntary codes have left us with more audits and the same abuses.",
        "codes",
    ),
    (
        "statement",
        "Statement on heat stress in agriculture",
        "Workers need shade, water and rest, written into agreements buyers must honor.",
        "enforcement",
    ),
    (
        "interview",
        "“We wrote the code ourselves”",
        "A farmworker leader on building a program workers trust.",
        "enforcement",
    ),
    (
        "analysis",
        "Reading a brand's sustainability report",
        "How to tell a commitment from a claim, in five questions.",
        "codes",
    ),
    (
        "news",
        "Spanish edition of the assessment framework",
        "The framework used to assess initiatives is now available in Spanish.",
        "enforcement",
    ),
    (
        "op_ed",
        "Shareholders should ask for binding agreements",
        "Investors can ask one question that cuts through the noise.",
        "buyers",
    ),
]

PRESS_RELEASES = [
    "Collaborative welcomes new participating buyer",
    "Report: enforcement, not audits, reduced abuses",
    "Workers' organizations meet to plan expansion",
    "New scorecards published for four initiatives",
    "Embargoed: annual report on worker-driven programs",
]

TOPICS = [
    ("audits", "Social audits", "Auditorías sociales"),
    ("codes", "Codes of conduct", "Códigos de conducta"),
    ("certification", "Certification", "Certificación"),
    ("buyers", "Buyers' responsibility", "Responsabilidad de los compradores"),
    ("enforcement", "Enforcement", "Cumplimiento"),
]

AUTHORS = [
    ("Ana Morales (demo)", False, "Research director, WSR Collaborative"),
    ("Joseph Okoro (demo)", False, "Communications lead"),
    ("WSR Collaborative", True, "The Collaborative's staff"),
]

OUTLETS = [
    "The Daily Ledger",
    "Labor Weekly",
    "El Diario del Campo",
    "Supply Chain Review",
    "Radio Sur",
]
