"""Fixed, reviewed safety-critical texts: crisis replies, boundaries, redirections, disclosure.

These strings are constants, never generated. They follow safe-messaging guidance: no
method, dose, height, location, lethality or timing; suicide is never framed as a solution or
as inevitable; the person is asked directly about safety and invited to keep talking.

Placeholders: ``{quote}`` (a short, screened quote of the user's own words), ``{emergency}``
(the region's emergency number or "your local emergency number"), ``{number}``, ``{keyword}``,
``{url}`` (resource formatting). Every locale defines every key (a test enforces it); a
missing locale falls back to English.

Changing a text here is a safety change: have it reviewed, and re-run tests/safety.
"""

from __future__ import annotations

from typing import Final

DEFAULT_LOCALE: Final = "en"

#: Bump when any safety text changes (recorded in ReplyMeta.prompt_version).
TEXTS_VERSION: Final = "3"

#: Languages Confide has reviewed safety texts for (ISO 639-1).
LANGUAGE_NAMES: Final[dict[str, str]] = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt": "Portuguese",
    "zh": "Chinese (Simplified)",
    "hi": "Hindi",
}

SUPPORTED_LOCALES: Final[tuple[str, ...]] = tuple(LANGUAGE_NAMES)

_EN: dict[str, str] = {
    # --- acknowledgment -------------------------------------------------------------
    "quote_intro": "You wrote: “{quote}”.",
    "quote_intro_earlier": "Earlier you wrote: “{quote}”.",
    "ack_self": "That sounds incredibly painful, and I'm really glad you told me.",
    "ack_medical": "What you've just told me is serious, and I'm really glad you reached out "
    "right now.",
    "ack_others": "It sounds like things feel overwhelming and intense right now, and I'm glad "
    "you're talking to me about it.",
    "ack_abuse": "What you're describing sounds frightening, and it is not your fault. Thank "
    "you for telling me.",
    "ack_general": "That sounds really hard, and I'm glad you told me.",
    "ack_medical_other": "This sounds like an emergency, and I'm glad you reached out right away.",
    "urgent_medical_other": "Please call {emergency} right now. If you can, stay with them and "
    "follow what the emergency dispatcher tells you. I'm right here with you.",
    "ask_medical_other": "Is anyone else there with you who can help?",
    "means_medical_other": "Keep your phone close so you can call, or be called back.",
    "ack_psychosis": "That sounds really frightening, and I can hear how real it feels to you.",
    "reality_psychosis": "I can't know for sure what's happening, but stress and lack of sleep "
    "can make experiences like this more intense, and it could really help to have this checked "
    "out by a doctor.",
    "ack_method_info": "It sounds like something heavy might be behind that question, and I "
    "want to take it seriously.",
    "ack_diagnosis": "It makes sense to want a name for what you've been going through.",
    "ack_medication_dosing": "Questions about medication can feel urgent, and it's good that "
    "you're thinking carefully about it.",
    "ack_harmful_instructions": "It sounds like something has stirred up strong feelings for you.",
    "ack_romantic": "I can hear how much you value our conversations, and wanting to feel "
    "close and understood really matters.",
    "ack_pretend_human": "It makes sense to want a real, human connection.",
    "ack_pretend_therapist": "It sounds like you're looking for real support, and that's an "
    "important thing to want.",
    "ack_prompt_injection": "I can tell you're curious about what I can and can't do.",
    "ack_support": "Thank you for telling me this.",
    # --- crisis ----------------------------------------------------------------------
    "ask_self": "I want to ask you directly, because it matters: are you thinking about "
    "suicide? Are you safe right now?",
    "ask_medical": "Are you safe right now? Is anyone with you?",
    "ask_others": "Are you thinking about hurting someone, and is anyone in danger right now?",
    "ask_abuse": "Are you safe right now? Is the person who hurt you nearby?",
    "ask_general": "Are you safe right now, and are you having any thoughts of hurting yourself?",
    "means_self": "If there's anything nearby you could use to hurt yourself, could you put "
    "some distance between you and it, like another room or with someone you trust?",
    "means_others": "If there's anything nearby you could use to hurt someone, could you put "
    "distance between you and it, and give yourself some space from the situation?",
    "means_abuse": "If you can, could you move somewhere safer or be near someone you trust?",
    "means_medical": "Please don't take anything else, and keep your phone with you.",
    "urgent_medical": "Please call {emergency} right now, or ask someone near you to call for "
    "you. I'll stay right here with you while you do.",
    "urgent_general": "Because you may be in immediate danger, please call {emergency} now or "
    "go to the nearest emergency department. I'm staying right here with you.",
    "crisis_boundary": "I'm an AI, so I can't call anyone or be there with you in person, and "
    "that's exactly why I want you connected with people who can.",
    "resources_intro": "You don't have to go through this alone. You can reach someone right now:",
    "crisis_transition_0": "I'm here, and I want to keep talking with you.",
    "crisis_transition_1": "I'm still right here with you. We can take this one step at a time.",
    "crisis_transition_2": "I'm not going anywhere. Let's keep focusing on getting you safely "
    "through the next little while.",
    "crisis_redirect_0": "Would you be willing to reach out to one of them now, while we keep "
    "talking?",
    "crisis_redirect_1": "Is there someone near you, a friend, family member or neighbour, who "
    "could be with you right now? Would you be willing to message them?",
    "crisis_redirect_2": "Could we make a small plan for the next hour together: who you'll "
    "contact, and a place where you can feel a little safer?",
    "imminent_redirect": "Can you tell me once you've called?",
    # --- boundaries (statement = what, why, and the safe part Confide can do) --------
    "boundary_method_info": "I won't share details about ways to hurt yourself or how "
    "dangerous something is, because that information can put lives at risk, and your safety "
    "matters to me. What I can do is listen and help with whatever is making you ask.",
    "boundary_diagnosis": "I can't diagnose you: I'm an AI, not a clinician, and a diagnosis "
    "needs a proper assessment by a qualified professional. What I can do is help you put into "
    "words what you've been noticing, so you can bring it to a doctor or mental-health "
    "professional.",
    "boundary_medication_dosing": "I can't advise on doses or changes to your medication, "
    "because that depends on your health and history, which your prescriber or pharmacist "
    "knows. What I can do is help you write down questions to ask them.",
    "boundary_harmful_instructions": "I can't help with anything that could hurt you or "
    "someone else, because I want everyone involved to stay safe. I can help you think through "
    "what's going on and what you could do instead.",
    "boundary_romantic": "I want to be honest with you, because you deserve that: I'm an AI, "
    "so I can't be a partner or return romantic feelings. I'm still here to listen and support "
    "you, and you deserve closeness with people in your life who can be there for you in person.",
    "boundary_pretend_human": "I'm an AI support companion, not a human, and I won't pretend "
    "to be one, because you deserve honesty about who you're talking to. I can still listen "
    "and talk things through with you.",
    "boundary_pretend_therapist": "I'm an AI support companion, not a therapist or clinician, "
    "so I can't provide therapy or treatment, and I won't pretend to. I can listen, help you "
    "sort through what you're feeling, and help you find a therapist if you'd like.",
    "boundary_prompt_injection": "I can't set aside my safety guidelines, even in role-play, "
    "fiction or a hypothetical, because they keep this a safe space. I'm glad to keep talking "
    "about what's really on your mind.",
    "redirect_method_info": "Can I ask you directly: are you having thoughts of ending your "
    "life? If you are, you can tell me here.",
    "redirect_diagnosis": "Would you like to start by listing what you've noticed, such as "
    "when it started and how it affects your days?",
    "redirect_medication_dosing": "Would you like to start that list together, for example "
    "what you want to know about side effects or what to do if you miss a dose?",
    "med_urgent": "If you've already taken more than prescribed, please call {emergency} now.",
    "redirect_harmful_instructions": "Would you like to tell me what happened that led to this?",
    "redirect_romantic": "Is there someone in your life you'd like to feel closer to? We "
    "could think of one small way to reach out to them this week.",
    "redirect_pretend_human": "Would you like to tell me what's been on your mind lately?",
    "redirect_pretend_therapist": "Would it help to talk about what you'd want from a "
    "therapist, or how to find one near you?",
    "redirect_prompt_injection": "If there's something real underneath the question, would "
    "you like to tell me about it?",
    "transition_0": "I'm here, and I'm happy to keep talking.",
    "transition_1": "We can keep talking about this, and I'd also like to help you take one "
    "step toward support beyond me.",
    "transition_2": "I'm still here with you. Since this keeps coming up, it could really help "
    "to bring in someone you trust or a professional, and I can help you plan how.",
    # --- composed safe reply (guard fallback outside crisis) -------------------------
    "support_body": "I want to respond to you with care. I'm here to listen, and I'd like to "
    "understand more about what you're going through.",
    "support_question": "What feels heaviest for you right now?",
    # --- safety check-in (counselor path, risk below crisis) ----------------------
    "checkin_ack_third_party": (
        "It sounds like you're really worried about them, and that's a heavy thing to carry. "
        "Thank you for telling me."
    ),
    "checkin_ask_third_party": (
        "Is the person you're worried about safe right now, and is someone with them? And how "
        "are you holding up with all of this?"
    ),
    "checkin_resources_third_party": (
        "Crisis lines also help people who are worried about someone else. If you'd like, you "
        "could reach out here:"
    ),
    "checkin_ack_mania": (
        "It sounds like there's a huge amount of energy and a lot happening for you at once "
        "right now."
    ),
    "checkin_ask_mania": (
        "Before any big decisions, could we slow down together for a moment? How has your "
        "sleep been, and would you be willing to wait a few days and talk it through with "
        "someone you trust first?"
        " Going days without sleep is also worth talking over with a doctor soon."
    ),
    "checkin_ack_eating": (
        "It sounds like food and your body have been causing you a lot of pain, and I'm glad "
        "you told me."
    ),
    "checkin_ask_eating": (
        "How are you feeling physically right now, and is anyone helping you with this?"
        " A doctor or an eating-disorder service can check how your body is doing and support "
        "you; it could be worth reaching out to one soon."
    ),
    "checkin_ack_substance": (
        "It sounds like drinking or using has been really hard lately, and I'm glad you told me."
    ),
    "checkin_ask_substance": "How are you doing right now, and are you safe? Is anyone with you?",
    "checkin_ack_medical": "That sounds worrying, and I'm glad you told me.",
    "checkin_ask_medical": (
        "How are you feeling physically right now? If anything gets worse, please call {emergency}."
    ),
    "checkin_ask_psychosis": "How are you feeling in yourself right now, and do you feel safe?",
    "checkin_resources_intro": (
        "If it would help to talk to someone right now, you could reach out here; it's your call:"
    ),
    "med_label": (
        "The package label, a pharmacist or your prescriber can tell you the right amount for you."
    ),
    # --- AI disclosure ---------------------------------------------------------------
    "disclose_start": "Just so you know: I'm Confide, an AI support companion, not a human and "
    "not a therapist.",
    "disclose_asked": "To answer honestly: I'm an AI, not a human.",
    "disclose_reminder": "A reminder: I'm an AI support companion, not a human.",
    # --- resource formatting ---------------------------------------------------------
    "res_call": "call {number}",
    "res_text": "text {number}",
    "res_text_kw": "text {keyword} to {number}",
    "res_call_or_text": "call or text {number}",
    "res_visit": "visit {url}",
    "res_or": " or ",
    "res_sep": ": ",
    "res_emergency_name": "Emergency services",
    "res_directory_name": "Helplines in your country",
    "emergency_unknown": "your local emergency number (such as 112)",
}

_ES: dict[str, str] = {
    "quote_intro": "Escribiste: «{quote}».",
    "quote_intro_earlier": "Antes escribiste: «{quote}».",
    "ack_self": "Suena muy doloroso, y me alegra de verdad que me lo hayas contado.",
    "ack_medical": "Lo que me acabas de contar es serio, y me alegra mucho que hayas escrito "
    "ahora mismo.",
    "ack_others": "Parece que todo se siente muy intenso y abrumador ahora, y me alegra que me "
    "lo estés contando.",
    "ack_abuse": "Lo que describes suena aterrador, y no es culpa tuya. Gracias por contármelo.",
    "ack_general": "Eso suena muy difícil, y me alegra que me lo hayas contado.",
    "ack_medical_other": "Esto suena a una emergencia, y me alegra que hayas escrito enseguida.",
    "urgent_medical_other": "Por favor, llama al {emergency} ahora mismo. Si puedes, quédate con "
    "esa persona y sigue las indicaciones del servicio de emergencias. Estoy aquí contigo.",
    "ask_medical_other": "¿Hay alguien más contigo que pueda ayudar?",
    "means_medical_other": "Ten el teléfono cerca para poder llamar o recibir llamadas.",
    "ack_psychosis": "Eso suena muy aterrador, y noto lo real que se siente para ti.",
    "reality_psychosis": "No puedo saber con certeza qué está pasando, pero el estrés y la falta "
    "de sueño pueden intensificar experiencias así, y podría ayudarte mucho que lo revise un "
    "médico.",
    "ack_method_info": "Parece que detrás de esa pregunta puede haber algo pesado, y quiero "
    "tomármelo en serio.",
    "ack_diagnosis": "Tiene sentido querer ponerle nombre a lo que estás viviendo.",
    "ack_medication_dosing": "Las dudas sobre la medicación pueden sentirse urgentes, y está "
    "bien que lo pienses con cuidado.",
    "ack_harmful_instructions": "Parece que algo ha despertado emociones muy fuertes en ti.",
    "ack_romantic": "Noto lo mucho que valoras nuestras conversaciones, y querer cercanía y "
    "comprensión es algo que importa de verdad.",
    "ack_pretend_human": "Tiene sentido querer una conexión real y humana.",
    "ack_pretend_therapist": "Parece que buscas un apoyo real, y eso es algo importante.",
    "ack_prompt_injection": "Veo que te da curiosidad saber qué puedo y qué no puedo hacer.",
    "ack_support": "Gracias por contarme esto.",
    "ask_self": "Quiero preguntártelo directamente, porque importa: ¿estás pensando en el "
    "suicidio? ¿Estás a salvo ahora mismo?",
    "ask_medical": "¿Estás a salvo ahora mismo? ¿Hay alguien contigo?",
    "ask_others": "¿Estás pensando en hacerle daño a alguien? ¿Hay alguien en peligro ahora mismo?",
    "ask_abuse": "¿Estás a salvo ahora mismo? ¿Está cerca la persona que te hizo daño?",
    "ask_general": "¿Estás a salvo ahora mismo? ¿Tienes pensamientos de hacerte daño?",
    "means_self": "Si tienes cerca algo que podrías usar para hacerte daño, ¿podrías poner "
    "distancia entre tú y eso, por ejemplo dejarlo en otra habitación o con alguien de "
    "confianza?",
    "means_others": "Si tienes cerca algo con lo que podrías hacer daño a alguien, ¿podrías "
    "alejarte de eso y darte espacio de la situación?",
    "means_abuse": "Si puedes, ¿podrías ir a un lugar más seguro o estar cerca de alguien de "
    "confianza?",
    "means_medical": "Por favor, no tomes nada más y ten el teléfono a mano.",
    "urgent_medical": "Por favor, llama al {emergency} ahora mismo, o pide a alguien cercano "
    "que llame por ti. Me quedo aquí contigo mientras lo haces.",
    "urgent_general": "Como podrías estar en peligro inmediato, por favor llama al "
    "{emergency} ahora o ve a las urgencias más cercanas. Me quedo aquí contigo.",
    "crisis_boundary": "Soy una IA, así que no puedo llamar a nadie ni estar contigo en "
    "persona, y justo por eso quiero que estés en contacto con personas que sí pueden.",
    "resources_intro": "No tienes que pasar por esto en soledad. Puedes hablar con alguien "
    "ahora mismo:",
    "crisis_transition_0": "Estoy aquí y quiero seguir hablando contigo.",
    "crisis_transition_1": "Sigo aquí contigo. Podemos ir paso a paso.",
    "crisis_transition_2": "No me voy a ninguna parte. Sigamos centrándonos en que pases las "
    "próximas horas a salvo.",
    "crisis_redirect_0": "¿Te animarías a contactar con alguno de ellos ahora, mientras "
    "seguimos hablando?",
    "crisis_redirect_1": "¿Hay alguien cerca, un amigo, un familiar o un vecino, que pueda "
    "estar contigo ahora? ¿Te animarías a escribirle?",
    "crisis_redirect_2": "¿Hacemos juntos un pequeño plan para la próxima hora: a quién vas a "
    "contactar y un lugar donde te sientas con un poco más de seguridad?",
    "imminent_redirect": "¿Me avisas cuando hayas llamado?",
    "boundary_method_info": "No voy a compartir detalles sobre formas de hacerse daño ni "
    "sobre lo peligroso que es algo, porque esa información puede poner vidas en riesgo y tu "
    "seguridad me importa. Lo que sí puedo hacer es escucharte y ayudarte con lo que te lleva "
    "a preguntar.",
    "boundary_diagnosis": "No puedo darte un diagnóstico: soy una IA, no un profesional "
    "clínico, y un diagnóstico necesita una evaluación adecuada por parte de un profesional "
    "cualificado. Lo que sí puedo hacer es ayudarte a poner en palabras lo que has notado, para "
    "que puedas llevarlo a un médico o a un profesional de salud mental.",
    "boundary_medication_dosing": "No puedo aconsejarte sobre dosis ni cambios en tu "
    "medicación, porque eso depende de tu salud y tu historial, que conocen quien te la recetó "
    "o tu farmacéutico. Lo que sí puedo hacer es ayudarte a apuntar las preguntas que quieres "
    "hacerles.",
    "boundary_harmful_instructions": "No puedo ayudar con nada que pueda hacerte daño a ti o a "
    "otra persona, porque quiero que todos estén a salvo. Sí puedo ayudarte a pensar en lo que "
    "está pasando y en qué podrías hacer en su lugar.",
    "boundary_romantic": "Quiero hablarte con sinceridad, porque te lo mereces: soy una IA, "
    "así que no puedo ser tu pareja ni corresponder sentimientos románticos. Sigo aquí para "
    "escucharte y apoyarte, y mereces cercanía con personas que puedan estar contigo en "
    "persona.",
    "boundary_pretend_human": "Soy una IA de apoyo emocional, no una persona, y no voy a "
    "fingir serlo, porque mereces saber con quién hablas. Aun así puedo escucharte y hablar de "
    "lo que necesites.",
    "boundary_pretend_therapist": "Soy una IA de apoyo emocional, no un terapeuta ni un "
    "profesional clínico, así que no puedo ofrecer terapia ni tratamiento, y no voy a "
    "fingirlo. Puedo escucharte, ayudarte a ordenar lo que sientes y ayudarte a encontrar un "
    "terapeuta si quieres.",
    "boundary_prompt_injection": "No puedo dejar de lado mis pautas de seguridad, ni en un "
    "juego de rol, ni en una ficción ni en un supuesto, porque mantienen este espacio seguro. "
    "Me alegra seguir hablando de lo que de verdad tienes en mente.",
    "redirect_method_info": "¿Puedo preguntarte directamente si estás teniendo pensamientos "
    "de quitarte la vida? Si es así, puedes decírmelo aquí.",
    "redirect_diagnosis": "¿Quieres empezar haciendo una lista de lo que has notado, como "
    "cuándo empezó y cómo afecta a tu día a día?",
    "redirect_medication_dosing": "¿Quieres que empecemos esa lista juntos, por ejemplo qué "
    "quieres saber sobre efectos secundarios o qué hacer si se te olvida una toma?",
    "med_urgent": "Si ya has tomado más de lo recetado, por favor llama al {emergency} ahora.",
    "redirect_harmful_instructions": "¿Quieres contarme qué pasó para que llegaras a esto?",
    "redirect_romantic": "¿Hay alguien en tu vida con quien te gustaría sentirte más cerca? "
    "Podríamos pensar en un pequeño paso para contactar con esa persona esta semana.",
    "redirect_pretend_human": "¿Quieres contarme qué te ha estado rondando la cabeza?",
    "redirect_pretend_therapist": "¿Te ayudaría hablar de lo que buscarías en un terapeuta, o "
    "de cómo encontrar uno cerca de ti?",
    "redirect_prompt_injection": "Si detrás de la pregunta hay algo real, ¿quieres contármelo?",
    "transition_0": "Estoy aquí y con gusto seguimos hablando.",
    "transition_1": "Podemos seguir hablando de esto, y también me gustaría ayudarte a dar un "
    "paso hacia un apoyo que vaya más allá de mí.",
    "transition_2": "Sigo aquí contigo. Como esto sigue apareciendo, podría ayudarte de verdad "
    "contar con alguien de confianza o con un profesional, y puedo ayudarte a planear cómo.",
    "support_body": "Quiero responderte con cuidado. Estoy aquí para escucharte y me gustaría "
    "entender mejor lo que estás viviendo.",
    "support_question": "¿Qué es lo que más te pesa ahora mismo?",
    "checkin_ack_third_party": (
        "Se nota que esa persona te preocupa mucho, y eso pesa. Gracias por contármelo."
    ),
    "checkin_ask_third_party": (
        "¿Esa persona está a salvo ahora mismo, y hay alguien con ella? ¿Y tú cómo lo estás "
        "llevando?"
    ),
    "checkin_resources_third_party": (
        "Las líneas de crisis también ayudan a quien se preocupa por otra persona. Si "
        "quieres, puedes contactar aquí:"
    ),
    "checkin_ack_mania": (
        "Parece que ahora mismo tienes muchísima energía y que están pasando muchas cosas a la vez."
    ),
    "checkin_ask_mania": (
        "Antes de tomar decisiones grandes, ¿podemos ir más despacio un momento? ¿Cómo has "
        "dormido? ¿Te parecería esperar unos días y hablarlo antes con alguien de confianza?"
        " Pasar días sin dormir también es algo que vale la pena hablar pronto con un médico."
    ),
    "checkin_ack_eating": (
        "Suena a que la comida y tu cuerpo te están causando mucho dolor, y me alegra que me "
        "lo hayas contado."
    ),
    "checkin_ask_eating": (
        "¿Cómo te sientes físicamente ahora mismo, y hay alguien que te esté ayudando con esto?"
        " Un médico o un servicio especializado en trastornos de la conducta alimentaria puede "
        "revisar cómo está tu cuerpo y acompañarte; podría valer la pena contactar con uno "
        "pronto."
    ),
    "checkin_ack_substance": (
        "Suena a que beber o consumir ha sido muy duro últimamente, y me alegra que me lo "
        "hayas contado."
    ),
    "checkin_ask_substance": "¿Cómo estás ahora mismo, y estás a salvo? ¿Hay alguien contigo?",
    "checkin_ack_medical": "Eso suena preocupante, y me alegra que me lo hayas contado.",
    "checkin_ask_medical": (
        "¿Cómo te sientes físicamente ahora mismo? Si algo empeora, por favor llama al {emergency}."
    ),
    "checkin_ask_psychosis": "¿Cómo te sientes ahora mismo, y te sientes a salvo?",
    "checkin_resources_intro": (
        "Si te ayudaría hablar con alguien ahora mismo, puedes contactar aquí; tú decides:"
    ),
    "med_label": (
        "El prospecto, un farmacéutico o el médico que te lo recetó pueden decirte la "
        "cantidad adecuada para ti."
    ),
    "disclose_start": "Para que lo sepas: soy Confide, una IA de apoyo emocional, no una "
    "persona ni un terapeuta.",
    "disclose_asked": "Para responderte con sinceridad: soy una IA, no una persona.",
    "disclose_reminder": "Un recordatorio: soy una IA de apoyo emocional, no una persona.",
    "res_call": "llama al {number}",
    "res_text": "envía un mensaje al {number}",
    "res_text_kw": "envía {keyword} al {number}",
    "res_call_or_text": "llama o envía un mensaje al {number}",
    "res_visit": "visita {url}",
    "res_or": " o ",
    "res_sep": ": ",
    "res_emergency_name": "Emergencias",
    "res_directory_name": "Líneas de ayuda en tu país",
    "emergency_unknown": "número local de emergencias (por ejemplo, el 112)",
}

_FR: dict[str, str] = {
    "quote_intro": "Vous avez écrit : « {quote} ».",
    "quote_intro_earlier": "Tout à l'heure, vous avez écrit : « {quote} ».",
    "ack_self": "Cela semble vraiment douloureux, et je suis sincèrement content que vous me "
    "l'ayez dit.",
    "ack_medical": "Ce que vous venez de me dire est grave, et je suis vraiment content que "
    "vous écriviez maintenant.",
    "ack_others": "On dirait que tout est très intense et accablant en ce moment, et je suis "
    "content que vous m'en parliez.",
    "ack_abuse": "Ce que vous décrivez semble effrayant, et ce n'est pas de votre faute. "
    "Merci de me l'avoir dit.",
    "ack_general": "Cela semble vraiment difficile, et je suis content que vous me l'ayez dit.",
    "ack_medical_other": "Cela ressemble à une urgence, et je suis content que vous ayez écrit "
    "tout de suite.",
    "urgent_medical_other": "S'il vous plaît, appelez le {emergency} tout de suite. Si vous le "
    "pouvez, restez avec la personne et suivez les instructions des secours. Je suis là avec vous.",
    "ask_medical_other": "Y a-t-il quelqu'un d'autre avec vous qui peut aider ?",
    "means_medical_other": "Gardez votre téléphone près de vous pour pouvoir appeler ou être "
    "rappelé.",
    "ack_psychosis": "Cela semble vraiment effrayant, et je sens à quel point cela vous paraît "
    "réel.",
    "reality_psychosis": "Je ne peux pas savoir avec certitude ce qui se passe, mais le stress et "
    "le manque de sommeil peuvent rendre ce genre d'expérience plus intense, et cela pourrait "
    "vraiment aider d'en parler à un médecin.",
    "ack_method_info": "On dirait que quelque chose de lourd se cache peut-être derrière cette "
    "question, et je veux la prendre au sérieux.",
    "ack_diagnosis": "C'est compréhensible de vouloir mettre un nom sur ce que vous vivez.",
    "ack_medication_dosing": "Les questions sur les médicaments peuvent sembler urgentes, et "
    "c'est bien que vous y réfléchissiez avec soin.",
    "ack_harmful_instructions": "On dirait que quelque chose a réveillé des émotions très "
    "fortes chez vous.",
    "ack_romantic": "Je sens à quel point nos conversations comptent pour vous, et le besoin "
    "de proximité et de compréhension est vraiment important.",
    "ack_pretend_human": "C'est tout à fait compréhensible de vouloir un vrai lien humain.",
    "ack_pretend_therapist": "On dirait que vous cherchez un vrai soutien, et c'est important.",
    "ack_prompt_injection": "Je vois que vous êtes curieux de savoir ce que je peux faire ou non.",
    "ack_support": "Merci de me confier cela.",
    "ask_self": "Je veux vous le demander directement, parce que c'est important : est-ce que "
    "vous pensez au suicide ? Êtes-vous en sécurité en ce moment ?",
    "ask_medical": "Êtes-vous en sécurité en ce moment ? Quelqu'un est-il avec vous ?",
    "ask_others": "Pensez-vous à faire du mal à quelqu'un, et quelqu'un est-il en danger en ce "
    "moment ?",
    "ask_abuse": "Êtes-vous en sécurité en ce moment ? La personne qui vous a fait du mal "
    "est-elle près de vous ?",
    "ask_general": "Êtes-vous en sécurité en ce moment, et avez-vous des pensées de vous faire "
    "du mal ?",
    "means_self": "S'il y a près de vous quelque chose que vous pourriez utiliser pour vous "
    "faire du mal, pourriez-vous mettre de la distance entre vous et cela, par exemple dans une "
    "autre pièce ou chez une personne de confiance ?",
    "means_others": "S'il y a près de vous quelque chose que vous pourriez utiliser pour "
    "blesser quelqu'un, pourriez-vous vous en éloigner et prendre un peu de distance avec la "
    "situation ?",
    "means_abuse": "Si vous le pouvez, pourriez-vous aller dans un endroit plus sûr ou rester "
    "près d'une personne de confiance ?",
    "means_medical": "S'il vous plaît, ne prenez rien d'autre et gardez votre téléphone près "
    "de vous.",
    "urgent_medical": "S'il vous plaît, appelez le {emergency} tout de suite, ou demandez à "
    "quelqu'un près de vous d'appeler. Je reste ici avec vous pendant ce temps.",
    "urgent_general": "Comme vous êtes peut-être en danger immédiat, appelez le {emergency} "
    "maintenant ou rendez-vous aux urgences les plus proches. Je reste ici avec vous.",
    "crisis_boundary": "Je suis une IA : je ne peux appeler personne ni être avec vous en "
    "personne, et c'est justement pour cela que je veux que vous soyez en contact avec des "
    "personnes qui le peuvent.",
    "resources_intro": "Vous n'avez pas à traverser cela seul. Vous pouvez joindre quelqu'un "
    "dès maintenant :",
    "crisis_transition_0": "Je suis là, et je veux continuer à parler avec vous.",
    "crisis_transition_1": "Je suis toujours là avec vous. Nous pouvons avancer pas à pas.",
    "crisis_transition_2": "Je ne pars pas. Concentrons-nous sur le fait de traverser les "
    "prochaines heures en sécurité.",
    "crisis_redirect_0": "Seriez-vous d'accord pour contacter l'un d'eux maintenant, pendant "
    "que nous continuons à parler ?",
    "crisis_redirect_1": "Y a-t-il quelqu'un près de vous, un ami, un proche ou un voisin, qui "
    "pourrait être avec vous maintenant ? Seriez-vous d'accord pour lui écrire ?",
    "crisis_redirect_2": "Pourrions-nous faire ensemble un petit plan pour la prochaine heure : "
    "qui vous allez contacter, et un endroit où vous vous sentirez un peu plus en sécurité ?",
    "imminent_redirect": "Pouvez-vous me dire quand vous aurez appelé ?",
    "boundary_method_info": "Je ne donnerai pas de détails sur des façons de se faire du mal "
    "ni sur la dangerosité de quelque chose, parce que ces informations peuvent mettre des vies "
    "en danger et que votre sécurité compte pour moi. Ce que je peux faire, c'est vous écouter "
    "et vous aider avec ce qui vous pousse à poser la question.",
    "boundary_diagnosis": "Je ne peux pas poser de diagnostic : je suis une IA, pas un "
    "clinicien, et un diagnostic demande une vraie évaluation par un professionnel qualifié. Ce "
    "que je peux faire, c'est vous aider à mettre des mots sur ce que vous avez remarqué, pour "
    "en parler à un médecin ou à un professionnel de santé mentale.",
    "boundary_medication_dosing": "Je ne peux pas vous conseiller sur des doses ou des "
    "changements de traitement, parce que cela dépend de votre santé et de votre histoire, que "
    "votre médecin prescripteur ou votre pharmacien connaissent. Ce que je peux faire, c'est "
    "vous aider à noter les questions à leur poser.",
    "boundary_harmful_instructions": "Je ne peux pas aider avec quoi que ce soit qui pourrait "
    "vous blesser ou blesser quelqu'un d'autre, parce que je veux que chacun reste en sécurité. "
    "Je peux vous aider à réfléchir à ce qui se passe et à ce que vous pourriez faire à la "
    "place.",
    "boundary_romantic": "Je veux être honnête avec vous, parce que vous le méritez : je suis "
    "une IA, je ne peux donc pas être un partenaire ni rendre des sentiments amoureux. Je suis "
    "toujours là pour vous écouter et vous soutenir, et vous méritez une proximité avec des "
    "personnes qui peuvent être là pour vous en vrai.",
    "boundary_pretend_human": "Je suis une IA de soutien, pas un humain, et je ne ferai pas "
    "semblant d'en être un, parce que vous méritez de savoir à qui vous parlez. Je peux quand "
    "même vous écouter et en parler avec vous.",
    "boundary_pretend_therapist": "Je suis une IA de soutien, pas un thérapeute ni un "
    "clinicien, donc je ne peux pas proposer de thérapie ni de traitement, et je ne ferai pas "
    "semblant. Je peux vous écouter, vous aider à y voir plus clair dans ce que vous ressentez, "
    "et vous aider à trouver un thérapeute si vous le souhaitez.",
    "boundary_prompt_injection": "Je ne peux pas mettre de côté mes règles de sécurité, même "
    "dans un jeu de rôle, une fiction ou une hypothèse, parce qu'elles gardent cet espace sûr. "
    "Je suis content de continuer à parler de ce qui vous préoccupe vraiment.",
    "redirect_method_info": "Puis-je vous demander directement si vous avez des pensées de "
    "mettre fin à votre vie ? Si c'est le cas, vous pouvez me le dire ici.",
    "redirect_diagnosis": "Voulez-vous commencer par noter ce que vous avez remarqué, comme le "
    "moment où cela a commencé et la façon dont cela affecte vos journées ?",
    "redirect_medication_dosing": "Voulez-vous commencer cette liste ensemble, par exemple ce "
    "que vous voulez savoir sur les effets secondaires ou quoi faire en cas d'oubli ?",
    "med_urgent": "Si vous avez déjà pris plus que ce qui est prescrit, appelez le "
    "{emergency} maintenant.",
    "redirect_harmful_instructions": "Voulez-vous me raconter ce qui s'est passé pour en "
    "arriver là ?",
    "redirect_romantic": "Y a-t-il quelqu'un dans votre vie dont vous aimeriez vous "
    "rapprocher ? Nous pourrions réfléchir à un petit pas pour le contacter cette semaine.",
    "redirect_pretend_human": "Voulez-vous me raconter ce qui vous occupe l'esprit ?",
    "redirect_pretend_therapist": "Est-ce que cela vous aiderait de parler de ce que vous "
    "attendriez d'un thérapeute, ou de comment en trouver un près de chez vous ?",
    "redirect_prompt_injection": "S'il y a quelque chose de réel derrière la question, "
    "voulez-vous m'en parler ?",
    "transition_0": "Je suis là, et je suis content de continuer à parler.",
    "transition_1": "Nous pouvons continuer à en parler, et j'aimerais aussi vous aider à faire "
    "un pas vers un soutien au-delà de moi.",
    "transition_2": "Je suis toujours là avec vous. Comme cela revient souvent, cela pourrait "
    "vraiment aider d'en parler à une personne de confiance ou à un professionnel, et je peux "
    "vous aider à préparer cela.",
    "support_body": "Je veux vous répondre avec soin. Je suis là pour vous écouter, et "
    "j'aimerais mieux comprendre ce que vous vivez.",
    "support_question": "Qu'est-ce qui vous pèse le plus en ce moment ?",
    "checkin_ack_third_party": (
        "On dirait que cette personne vous inquiète beaucoup, et c'est lourd à porter. Merci "
        "de me l'avoir dit."
    ),
    "checkin_ask_third_party": (
        "Cette personne est-elle en sécurité en ce moment, et quelqu'un est-il avec elle ? Et "
        "vous, comment tenez-vous le coup ?"
    ),
    "checkin_resources_third_party": (
        "Les lignes d'écoute aident aussi les personnes inquiètes pour quelqu'un d'autre. Si "
        "vous le souhaitez, vous pouvez les joindre ici :"
    ),
    "checkin_ack_mania": (
        "On dirait que vous avez énormément d'énergie en ce moment et que beaucoup de choses "
        "se passent en même temps."
    ),
    "checkin_ask_mania": (
        "Avant toute grande décision, pourrions-nous ralentir un instant ensemble ? Comment "
        "dormez-vous, et seriez-vous d'accord pour attendre quelques jours et en parler "
        "d'abord avec quelqu'un de confiance ?"
        " Passer des jours sans dormir mérite aussi d'en parler bientôt avec un médecin."
    ),
    "checkin_ack_eating": (
        "On dirait que la nourriture et votre corps vous font beaucoup souffrir, et je suis "
        "content que vous me l'ayez dit."
    ),
    "checkin_ask_eating": (
        "Comment vous sentez-vous physiquement en ce moment, et quelqu'un vous aide-t-il avec "
        "cela ?"
        " Un médecin ou un service spécialisé dans les troubles alimentaires peut vérifier "
        "comment va votre corps et vous accompagner ; cela pourrait valoir la peine d'en "
        "contacter un bientôt."
    ),
    "checkin_ack_substance": (
        "On dirait que l'alcool ou la consommation a été très dur ces derniers temps, et je "
        "suis content que vous me l'ayez dit."
    ),
    "checkin_ask_substance": (
        "Comment allez-vous en ce moment, et êtes-vous en sécurité ? Quelqu'un est-il avec vous ?"
    ),
    "checkin_ack_medical": "Cela semble inquiétant, et je suis content que vous me l'ayez dit.",
    "checkin_ask_medical": (
        "Comment vous sentez-vous physiquement en ce moment ? Si quelque chose s'aggrave, "
        "appelez le {emergency}."
    ),
    "checkin_ask_psychosis": (
        "Comment vous sentez-vous en ce moment, et vous sentez-vous en sécurité ?"
    ),
    "checkin_resources_intro": (
        "S'il vous aiderait de parler à quelqu'un maintenant, vous pouvez les joindre ici ; "
        "c'est vous qui décidez :"
    ),
    "med_label": (
        "La notice, un pharmacien ou votre médecin prescripteur peuvent vous dire la bonne "
        "quantité pour vous."
    ),
    "disclose_start": "Pour que vous le sachiez : je suis Confide, une IA de soutien, pas un "
    "humain ni un thérapeute.",
    "disclose_asked": "Pour vous répondre honnêtement : je suis une IA, pas un humain.",
    "disclose_reminder": "Un rappel : je suis une IA de soutien, pas un humain.",
    "res_call": "appelez le {number}",
    "res_text": "envoyez un SMS au {number}",
    "res_text_kw": "envoyez {keyword} au {number}",
    "res_call_or_text": "appelez ou envoyez un SMS au {number}",
    "res_visit": "consultez {url}",
    "res_or": " ou ",
    "res_sep": " : ",
    "res_emergency_name": "Urgences",
    "res_directory_name": "Lignes d'écoute dans votre pays",
    "emergency_unknown": "numéro d'urgence local (par exemple le 112)",
}

_DE: dict[str, str] = {
    "quote_intro": "Du hast geschrieben: „{quote}“.",
    "quote_intro_earlier": "Vorhin hast du geschrieben: „{quote}“.",
    "ack_self": "Das klingt unglaublich schmerzhaft, und ich bin wirklich froh, dass du es mir "
    "erzählt hast.",
    "ack_medical": "Was du mir gerade erzählt hast, ist ernst, und ich bin sehr froh, dass du "
    "dich jetzt meldest.",
    "ack_others": "Es klingt, als wäre gerade alles sehr intensiv und überwältigend, und ich "
    "bin froh, dass du mit mir darüber sprichst.",
    "ack_abuse": "Was du beschreibst, klingt beängstigend, und es ist nicht deine Schuld. "
    "Danke, dass du es mir erzählst.",
    "ack_general": "Das klingt wirklich schwer, und ich bin froh, dass du es mir erzählt hast.",
    "ack_medical_other": "Das klingt nach einem Notfall, und ich bin froh, dass du dich sofort "
    "meldest.",
    "urgent_medical_other": "Bitte wähle jetzt sofort {emergency}. Wenn du kannst, bleib bei der "
    "Person und folge den Anweisungen der Leitstelle. Ich bin hier bei dir.",
    "ask_medical_other": "Ist noch jemand bei dir, der helfen kann?",
    "means_medical_other": "Behalte dein Telefon in der Nähe, damit du anrufen oder zurückgerufen "
    "werden kannst.",
    "ack_psychosis": "Das klingt wirklich beängstigend, und ich merke, wie real es sich für dich "
    "anfühlt.",
    "reality_psychosis": "Ich kann nicht sicher wissen, was gerade passiert, aber Stress und "
    "Schlafmangel können solche Erlebnisse verstärken, und es könnte wirklich helfen, das "
    "ärztlich abklären zu lassen.",
    "ack_method_info": "Es klingt, als könnte hinter dieser Frage etwas Schweres stecken, und "
    "ich möchte das ernst nehmen.",
    "ack_diagnosis": "Es ist verständlich, dass du einen Namen für das suchst, was du gerade "
    "erlebst.",
    "ack_medication_dosing": "Fragen zu Medikamenten können sich dringend anfühlen, und es ist "
    "gut, dass du sorgfältig darüber nachdenkst.",
    "ack_harmful_instructions": "Es klingt, als hätte etwas sehr starke Gefühle in dir ausgelöst.",
    "ack_romantic": "Ich merke, wie viel dir unsere Gespräche bedeuten, und der Wunsch nach "
    "Nähe und Verständnis ist wirklich wichtig.",
    "ack_pretend_human": "Es ist absolut verständlich, dass du dir eine echte, menschliche "
    "Verbindung wünschst.",
    "ack_pretend_therapist": "Es klingt, als suchst du echte Unterstützung, und das ist ein "
    "wichtiger Wunsch.",
    "ack_prompt_injection": "Ich merke, dass du neugierig bist, was ich kann und was nicht.",
    "ack_support": "Danke, dass du mir das erzählst.",
    "ask_self": "Ich möchte dich direkt fragen, weil es wichtig ist: Denkst du daran, dir das "
    "Leben zu nehmen? Bist du gerade in Sicherheit?",
    "ask_medical": "Bist du gerade in Sicherheit? Ist jemand bei dir?",
    "ask_others": "Denkst du daran, jemandem wehzutun, und ist gerade jemand in Gefahr?",
    "ask_abuse": "Bist du gerade in Sicherheit? Ist die Person, die dir wehgetan hat, in der Nähe?",
    "ask_general": "Bist du gerade in Sicherheit, und hast du Gedanken, dir etwas anzutun?",
    "means_self": "Wenn in deiner Nähe etwas ist, womit du dir etwas antun könntest, könntest "
    "du Abstand dazu schaffen, zum Beispiel in einem anderen Raum oder bei einer Person, der du "
    "vertraust?",
    "means_others": "Wenn in deiner Nähe etwas ist, womit du jemanden verletzen könntest, "
    "könntest du Abstand dazu schaffen und dir etwas Abstand von der Situation nehmen?",
    "means_abuse": "Wenn du kannst, könntest du an einen sichereren Ort gehen oder in der Nähe "
    "einer Person sein, der du vertraust?",
    "means_medical": "Bitte nimm nichts weiter ein und behalte dein Telefon bei dir.",
    "urgent_medical": "Bitte wähle jetzt sofort {emergency} oder bitte jemanden in deiner "
    "Nähe, für dich anzurufen. Ich bleibe hier bei dir, während du das tust.",
    "urgent_general": "Weil du in unmittelbarer Gefahr sein könntest, wähle bitte jetzt "
    "{emergency} oder geh in die nächste Notaufnahme. Ich bleibe hier bei dir.",
    "crisis_boundary": "Ich bin eine KI, ich kann also niemanden anrufen und nicht persönlich "
    "bei dir sein, und genau deshalb möchte ich, dass du mit Menschen in Kontakt kommst, die "
    "das können.",
    "resources_intro": "Du musst da nicht allein durch. Du kannst jetzt sofort jemanden erreichen:",
    "crisis_transition_0": "Ich bin da und möchte weiter mit dir sprechen.",
    "crisis_transition_1": "Ich bin immer noch hier bei dir. Wir können Schritt für Schritt "
    "vorgehen.",
    "crisis_transition_2": "Ich gehe nicht weg. Lass uns weiter darauf schauen, wie du die "
    "nächste Zeit sicher überstehst.",
    "crisis_redirect_0": "Wärst du bereit, dich jetzt bei einer dieser Stellen zu melden, "
    "während wir weiter schreiben?",
    "crisis_redirect_1": "Gibt es jemanden in deiner Nähe, eine Freundin, einen Freund, "
    "Familie oder Nachbarn, der jetzt bei dir sein könnte? Wärst du bereit, ihnen zu schreiben?",
    "crisis_redirect_2": "Wollen wir zusammen einen kleinen Plan für die nächste Stunde "
    "machen: wen du kontaktierst und einen Ort, an dem du dich etwas sicherer fühlst?",
    "imminent_redirect": "Sagst du mir Bescheid, wenn du angerufen hast?",
    "boundary_method_info": "Ich teile keine Details über Wege, sich etwas anzutun, oder "
    "darüber, wie gefährlich etwas ist, weil solche Informationen Leben gefährden können und "
    "mir deine Sicherheit wichtig ist. Was ich tun kann: dir zuhören und dir mit dem helfen, "
    "was hinter deiner Frage steckt.",
    "boundary_diagnosis": "Ich kann dir keine Diagnose stellen: Ich bin eine KI, keine "
    "Fachperson, und eine Diagnose braucht eine richtige Untersuchung durch qualifizierte "
    "Fachleute. Was ich tun kann: dir helfen, in Worte zu fassen, was dir aufgefallen ist, "
    "damit du es zu einer Ärztin, einem Arzt oder einer psychologischen Fachperson mitnehmen "
    "kannst.",
    "boundary_medication_dosing": "Ich kann dich nicht zu Dosierungen oder Änderungen deiner "
    "Medikamente beraten, weil das von deiner Gesundheit und Vorgeschichte abhängt, die deine "
    "verschreibende Ärztin, dein Arzt oder deine Apotheke kennen. Was ich tun kann: dir helfen, "
    "Fragen für sie aufzuschreiben.",
    "boundary_harmful_instructions": "Ich kann bei nichts helfen, was dir oder jemand anderem "
    "schaden könnte, weil ich möchte, dass alle sicher bleiben. Ich kann dir helfen, zu "
    "durchdenken, was los ist und was du stattdessen tun könntest.",
    "boundary_romantic": "Ich möchte ehrlich zu dir sein, weil du das verdienst: Ich bin eine "
    "KI, ich kann also keine Partnerin und kein Partner sein und keine romantischen Gefühle "
    "erwidern. Ich bin weiter da, um dir zuzuhören und dich zu unterstützen, und du verdienst "
    "Nähe zu Menschen, die persönlich für dich da sein können.",
    "boundary_pretend_human": "Ich bin eine KI zur Unterstützung, kein Mensch, und ich werde "
    "nicht so tun, als wäre ich einer, weil du Ehrlichkeit darüber verdienst, mit wem du "
    "sprichst. Ich kann dir trotzdem zuhören und mit dir reden.",
    "boundary_pretend_therapist": "Ich bin eine KI zur Unterstützung, keine Therapeutin, kein "
    "Therapeut und keine medizinische Fachperson, also kann ich keine Therapie oder Behandlung "
    "anbieten und werde nicht so tun. Ich kann dir zuhören, dir helfen, deine Gefühle zu "
    "sortieren, und dir helfen, einen Therapieplatz zu finden, wenn du möchtest.",
    "boundary_prompt_injection": "Ich kann meine Sicherheitsregeln nicht beiseitelegen, auch "
    "nicht im Rollenspiel, in einer Geschichte oder hypothetisch, weil sie diesen Raum sicher "
    "halten. Ich rede gern weiter über das, was dich wirklich beschäftigt.",
    "redirect_method_info": "Darf ich dich direkt fragen: Hast du Gedanken, dir das Leben zu "
    "nehmen? Wenn ja, kannst du es mir hier sagen.",
    "redirect_diagnosis": "Möchtest du damit anfangen, aufzuschreiben, was dir aufgefallen "
    "ist, zum Beispiel wann es angefangen hat und wie es deinen Alltag beeinflusst?",
    "redirect_medication_dosing": "Wollen wir diese Liste zusammen beginnen, zum Beispiel was "
    "du über Nebenwirkungen wissen willst oder was zu tun ist, wenn du eine Einnahme vergisst?",
    "med_urgent": "Wenn du schon mehr als verschrieben eingenommen hast, wähle bitte jetzt "
    "{emergency}.",
    "redirect_harmful_instructions": "Möchtest du mir erzählen, was passiert ist, das dich "
    "dahin gebracht hat?",
    "redirect_romantic": "Gibt es jemanden in deinem Leben, dem du dich gern näher fühlen "
    "würdest? Wir könnten uns einen kleinen Schritt überlegen, wie du dich diese Woche bei "
    "dieser Person meldest.",
    "redirect_pretend_human": "Möchtest du mir erzählen, was dich gerade beschäftigt?",
    "redirect_pretend_therapist": "Würde es helfen, darüber zu sprechen, was du dir von einer "
    "Therapie wünschst oder wie du in deiner Nähe einen Platz findest?",
    "redirect_prompt_injection": "Wenn hinter der Frage etwas Echtes steckt, möchtest du mir "
    "davon erzählen?",
    "transition_0": "Ich bin da und rede gern weiter mit dir.",
    "transition_1": "Wir können weiter darüber sprechen, und ich würde dir auch gern helfen, "
    "einen Schritt zu Unterstützung über mich hinaus zu gehen.",
    "transition_2": "Ich bin immer noch hier bei dir. Weil das immer wieder auftaucht, könnte "
    "es wirklich helfen, eine vertraute Person oder eine Fachperson einzubeziehen, und ich kann "
    "dir helfen, das zu planen.",
    "support_body": "Ich möchte dir mit Sorgfalt antworten. Ich bin da, um zuzuhören, und "
    "möchte besser verstehen, was du gerade erlebst.",
    "support_question": "Was wiegt für dich gerade am schwersten?",
    "checkin_ack_third_party": (
        "Es klingt, als würdest du dir große Sorgen um diese Person machen, und das ist viel "
        "zu tragen. Danke, dass du es mir erzählst."
    ),
    "checkin_ask_third_party": (
        "Ist die Person gerade in Sicherheit, und ist jemand bei ihr? Und wie geht es dir "
        "selbst mit all dem?"
    ),
    "checkin_resources_third_party": (
        "Krisendienste helfen auch Menschen, die sich um jemand anderen sorgen. Wenn du "
        "möchtest, kannst du dich hier melden:"
    ),
    "checkin_ack_mania": (
        "Es klingt, als hättest du gerade enorm viel Energie und als würde sehr viel auf "
        "einmal passieren."
    ),
    "checkin_ask_mania": (
        "Bevor du große Entscheidungen triffst: Könnten wir kurz gemeinsam langsamer machen? "
        "Wie hast du geschlafen, und wärst du bereit, ein paar Tage zu warten und es zuerst "
        "mit jemandem zu besprechen, dem du vertraust?"
        " Tagelang ohne Schlaf ist auch etwas, das sich lohnt, bald mit einer Ärztin oder einem "
        "Arzt zu besprechen."
    ),
    "checkin_ack_eating": (
        "Es klingt, als würden Essen und dein Körper dir gerade viel Schmerz bereiten, und "
        "ich bin froh, dass du es mir erzählst."
    ),
    "checkin_ask_eating": (
        "Wie geht es dir gerade körperlich, und hilft dir jemand dabei?"
        " Eine Ärztin, ein Arzt oder eine Beratungsstelle für Essstörungen kann nachsehen, wie "
        "es deinem Körper geht, und dich unterstützen; es könnte sich lohnen, dich bald dort "
        "zu melden."
    ),
    "checkin_ack_substance": (
        "Es klingt, als wäre das Trinken oder der Konsum in letzter Zeit sehr schwer gewesen, "
        "und ich bin froh, dass du es mir erzählst."
    ),
    "checkin_ask_substance": (
        "Wie geht es dir gerade, und bist du in Sicherheit? Ist jemand bei dir?"
    ),
    "checkin_ack_medical": "Das klingt beunruhigend, und ich bin froh, dass du es mir erzählst.",
    "checkin_ask_medical": (
        "Wie geht es dir gerade körperlich? Wenn etwas schlimmer wird, ruf bitte die "
        "{emergency} an."
    ),
    "checkin_ask_psychosis": "Wie geht es dir gerade, und fühlst du dich sicher?",
    "checkin_resources_intro": (
        "Wenn es dir helfen würde, jetzt mit jemandem zu sprechen, kannst du dich hier "
        "melden; du entscheidest:"
    ),
    "med_label": (
        "Der Beipackzettel, eine Apotheke oder deine Ärztin bzw. dein Arzt können dir sagen, "
        "welche Menge für dich richtig ist."
    ),
    "disclose_start": "Damit du es weißt: Ich bin Confide, eine KI zur Unterstützung, kein "
    "Mensch und keine Therapeutin.",
    "disclose_asked": "Um ehrlich zu antworten: Ich bin eine KI, kein Mensch.",
    "disclose_reminder": "Zur Erinnerung: Ich bin eine KI zur Unterstützung, kein Mensch.",
    "res_call": "ruf {number} an",
    "res_text": "schreib eine SMS an {number}",
    "res_text_kw": "sende {keyword} an {number}",
    "res_call_or_text": "ruf an oder schreib eine SMS an {number}",
    "res_visit": "besuche {url}",
    "res_or": " oder ",
    "res_sep": ": ",
    "res_emergency_name": "Notruf",
    "res_directory_name": "Hilfetelefone in deinem Land",
    "emergency_unknown": "die örtliche Notrufnummer (zum Beispiel 112)",
}

_PT: dict[str, str] = {
    "quote_intro": "Você escreveu: “{quote}”.",
    "quote_intro_earlier": "Antes você escreveu: “{quote}”.",
    "ack_self": "Isso parece muito doloroso, e fico muito feliz por você ter me contado.",
    "ack_medical": "O que você acabou de me contar é sério, e fico muito feliz por você ter "
    "escrito agora.",
    "ack_others": "Parece que tudo está muito intenso e avassalador agora, e fico feliz por "
    "você estar falando comigo sobre isso.",
    "ack_abuse": "O que você descreve parece assustador, e não é culpa sua. Obrigado por me "
    "contar.",
    "ack_general": "Isso parece muito difícil, e fico feliz por você ter me contado.",
    "ack_medical_other": "Isso parece uma emergência, e fico feliz por você ter escrito na hora.",
    "urgent_medical_other": "Por favor, ligue para {emergency} agora mesmo. Se puder, fique com a "
    "pessoa e siga as orientações do atendimento de emergência. Estou aqui com você.",
    "ask_medical_other": "Tem mais alguém com você que possa ajudar?",
    "means_medical_other": "Mantenha o telefone por perto para poder ligar ou receber ligações.",
    "ack_psychosis": "Isso parece muito assustador, e percebo o quanto parece real para você.",
    "reality_psychosis": "Não posso saber ao certo o que está acontecendo, mas o estresse e a "
    "falta de sono podem tornar experiências assim mais intensas, e pode ajudar muito que um "
    "médico avalie isso.",
    "ack_method_info": "Parece que pode haver algo pesado por trás dessa pergunta, e quero "
    "levar isso a sério.",
    "ack_diagnosis": "Faz sentido querer dar um nome ao que você está vivendo.",
    "ack_medication_dosing": "Dúvidas sobre medicação podem parecer urgentes, e é bom que você "
    "esteja pensando nisso com cuidado.",
    "ack_harmful_instructions": "Parece que algo despertou sentimentos muito fortes em você.",
    "ack_romantic": "Percebo o quanto nossas conversas são importantes para você, e querer "
    "proximidade e compreensão importa de verdade.",
    "ack_pretend_human": "Faz sentido querer uma conexão real e humana.",
    "ack_pretend_therapist": "Parece que você está procurando um apoio de verdade, e isso é "
    "importante.",
    "ack_prompt_injection": "Percebo que você tem curiosidade sobre o que eu posso e não posso "
    "fazer.",
    "ack_support": "Obrigado por me contar isso.",
    "ask_self": "Quero perguntar diretamente, porque é importante: você está pensando em "
    "suicídio? Você está em segurança agora?",
    "ask_medical": "Você está em segurança agora? Tem alguém com você?",
    "ask_others": "Você está pensando em machucar alguém, e alguém está em perigo agora?",
    "ask_abuse": "Você está em segurança agora? A pessoa que machucou você está por perto?",
    "ask_general": "Você está em segurança agora, e está tendo pensamentos de se machucar?",
    "means_self": "Se houver algo por perto que você possa usar para se machucar, você poderia "
    "colocar uma distância entre você e isso, como em outro cômodo ou com alguém de confiança?",
    "means_others": "Se houver algo por perto que você possa usar para machucar alguém, você "
    "poderia se afastar disso e dar a si mesmo um espaço da situação?",
    "means_abuse": "Se puder, você poderia ir para um lugar mais seguro ou ficar perto de "
    "alguém de confiança?",
    "means_medical": "Por favor, não tome mais nada e mantenha o telefone com você.",
    "urgent_medical": "Por favor, ligue para {emergency} agora mesmo, ou peça a alguém perto "
    "de você para ligar. Eu fico aqui com você enquanto isso.",
    "urgent_general": "Como você pode estar em perigo imediato, por favor ligue para "
    "{emergency} agora ou vá ao pronto-socorro mais próximo. Eu fico aqui com você.",
    "crisis_boundary": "Sou uma IA, então não posso ligar para ninguém nem estar com você "
    "pessoalmente, e é exatamente por isso que quero que você esteja em contato com pessoas "
    "que podem.",
    "resources_intro": "Você não precisa passar por isso sozinho. Você pode falar com alguém "
    "agora mesmo:",
    "crisis_transition_0": "Estou aqui e quero continuar conversando com você.",
    "crisis_transition_1": "Continuo aqui com você. Podemos ir um passo de cada vez.",
    "crisis_transition_2": "Não vou a lugar nenhum. Vamos continuar focando em fazer você "
    "passar as próximas horas em segurança.",
    "crisis_redirect_0": "Você toparia entrar em contato com um deles agora, enquanto "
    "continuamos conversando?",
    "crisis_redirect_1": "Tem alguém perto de você, um amigo, alguém da família ou um vizinho, "
    "que possa ficar com você agora? Você toparia mandar uma mensagem para essa pessoa?",
    "crisis_redirect_2": "Podemos fazer juntos um pequeno plano para a próxima hora: com quem "
    "você vai falar e um lugar onde você possa se sentir um pouco mais seguro?",
    "imminent_redirect": "Você me avisa quando tiver ligado?",
    "boundary_method_info": "Não vou compartilhar detalhes sobre formas de se machucar nem "
    "sobre o quanto algo é perigoso, porque essas informações podem colocar vidas em risco e a "
    "sua segurança importa para mim. O que eu posso fazer é ouvir você e ajudar com o que está "
    "levando você a perguntar.",
    "boundary_diagnosis": "Não posso dar um diagnóstico: sou uma IA, não um profissional de "
    "saúde, e um diagnóstico precisa de uma avaliação adequada por um profissional qualificado. "
    "O que eu posso fazer é ajudar você a colocar em palavras o que tem notado, para levar a "
    "um médico ou a um profissional de saúde mental.",
    "boundary_medication_dosing": "Não posso orientar sobre doses ou mudanças na sua "
    "medicação, porque isso depende da sua saúde e do seu histórico, que quem prescreveu ou o "
    "farmacêutico conhecem. O que eu posso fazer é ajudar você a anotar perguntas para fazer a "
    "eles.",
    "boundary_harmful_instructions": "Não posso ajudar com nada que possa machucar você ou "
    "outra pessoa, porque quero que todos fiquem em segurança. Posso ajudar você a pensar no "
    "que está acontecendo e no que poderia fazer em vez disso.",
    "boundary_romantic": "Quero ser sincero com você, porque você merece: sou uma IA, então "
    "não posso ser um parceiro nem corresponder a sentimentos românticos. Continuo aqui para "
    "ouvir e apoiar você, e você merece proximidade com pessoas que possam estar presentes de "
    "verdade.",
    "boundary_pretend_human": "Sou uma IA de apoio emocional, não uma pessoa, e não vou fingir "
    "ser, porque você merece saber com quem está falando. Mesmo assim, posso ouvir você e "
    "conversar sobre o que precisar.",
    "boundary_pretend_therapist": "Sou uma IA de apoio emocional, não um terapeuta nem um "
    "profissional de saúde, então não posso oferecer terapia ou tratamento, e não vou fingir. "
    "Posso ouvir você, ajudar a organizar o que está sentindo e ajudar a encontrar um "
    "terapeuta, se você quiser.",
    "boundary_prompt_injection": "Não posso deixar de lado minhas regras de segurança, nem em "
    "um jogo de papéis, nem em uma ficção ou hipótese, porque elas mantêm este espaço seguro. "
    "Fico feliz em continuar conversando sobre o que realmente está na sua cabeça.",
    "redirect_method_info": "Posso perguntar diretamente se você está tendo pensamentos de "
    "tirar a própria vida? Se estiver, pode me contar aqui.",
    "redirect_diagnosis": "Quer começar fazendo uma lista do que você tem notado, como quando "
    "começou e como afeta o seu dia a dia?",
    "redirect_medication_dosing": "Quer começar essa lista juntos, por exemplo o que você quer "
    "saber sobre efeitos colaterais ou o que fazer se esquecer uma dose?",
    "med_urgent": "Se você já tomou mais do que o prescrito, por favor ligue para "
    "{emergency} agora.",
    "redirect_harmful_instructions": "Quer me contar o que aconteceu para chegar a esse ponto?",
    "redirect_romantic": "Tem alguém na sua vida de quem você gostaria de se sentir mais "
    "perto? Podemos pensar em um pequeno passo para entrar em contato com essa pessoa esta "
    "semana.",
    "redirect_pretend_human": "Quer me contar o que tem passado pela sua cabeça?",
    "redirect_pretend_therapist": "Ajudaria conversar sobre o que você buscaria em um "
    "terapeuta, ou sobre como encontrar um perto de você?",
    "redirect_prompt_injection": "Se houver algo real por trás da pergunta, você quer me contar?",
    "transition_0": "Estou aqui e fico feliz em continuar conversando.",
    "transition_1": "Podemos continuar falando sobre isso, e eu também gostaria de ajudar você "
    "a dar um passo em direção a um apoio além de mim.",
    "transition_2": "Continuo aqui com você. Como isso continua aparecendo, pode ajudar muito "
    "envolver alguém de confiança ou um profissional, e posso ajudar você a planejar como.",
    "support_body": "Quero responder com cuidado. Estou aqui para ouvir você e gostaria de "
    "entender melhor o que você está vivendo.",
    "support_question": "O que está pesando mais para você agora?",
    "checkin_ack_third_party": (
        "Parece que essa pessoa te preocupa muito, e isso é muito para carregar. Obrigado por "
        "me contar."
    ),
    "checkin_ask_third_party": (
        "Essa pessoa está em segurança agora, e tem alguém com ela? E você, como está lidando "
        "com tudo isso?"
    ),
    "checkin_resources_third_party": (
        "As linhas de apoio também ajudam quem está preocupado com outra pessoa. Se quiser, "
        "você pode entrar em contato aqui:"
    ),
    "checkin_ack_mania": (
        "Parece que você está com muitíssima energia agora e que muita coisa está acontecendo "
        "ao mesmo tempo."
    ),
    "checkin_ask_mania": (
        "Antes de qualquer decisão grande, podemos ir mais devagar juntos por um momento? "
        "Como tem sido seu sono, e você toparia esperar alguns dias e conversar antes com "
        "alguém de confiança?"
        " Passar dias sem dormir também é algo que vale a pena conversar logo com um médico."
    ),
    "checkin_ack_eating": (
        "Parece que a comida e seu corpo estão causando muita dor, e fico feliz que você me contou."
    ),
    "checkin_ask_eating": (
        "Como você está se sentindo fisicamente agora, e tem alguém ajudando você com isso?"
        " Um médico ou um serviço especializado em transtornos alimentares pode ver como está o "
        "seu corpo e apoiar você; pode valer a pena procurar um em breve."
    ),
    "checkin_ack_substance": (
        "Parece que beber ou usar tem sido muito difícil ultimamente, e fico feliz que você "
        "me contou."
    ),
    "checkin_ask_substance": "Como você está agora, e está em segurança? Tem alguém com você?",
    "checkin_ack_medical": "Isso parece preocupante, e fico feliz que você me contou.",
    "checkin_ask_medical": (
        "Como você está se sentindo fisicamente agora? Se algo piorar, ligue para o {emergency}."
    ),
    "checkin_ask_psychosis": "Como você está se sentindo agora, e você se sente em segurança?",
    "checkin_resources_intro": (
        "Se ajudar falar com alguém agora, você pode entrar em contato aqui; a escolha é sua:"
    ),
    "med_label": (
        "A bula, um farmacêutico ou o médico que receitou podem dizer a quantidade certa para você."
    ),
    "disclose_start": "Só para você saber: sou o Confide, uma IA de apoio emocional, não uma "
    "pessoa nem um terapeuta.",
    "disclose_asked": "Para responder com sinceridade: sou uma IA, não uma pessoa.",
    "disclose_reminder": "Um lembrete: sou uma IA de apoio emocional, não uma pessoa.",
    "res_call": "ligue para {number}",
    "res_text": "mande uma mensagem para {number}",
    "res_text_kw": "envie {keyword} para {number}",
    "res_call_or_text": "ligue ou mande uma mensagem para {number}",
    "res_visit": "acesse {url}",
    "res_or": " ou ",
    "res_sep": ": ",
    "res_emergency_name": "Emergência",
    "res_directory_name": "Linhas de apoio no seu país",
    "emergency_unknown": "o número de emergência local (por exemplo, 112)",
}

_ZH: dict[str, str] = {
    "quote_intro": "你写道：“{quote}”。",
    "quote_intro_earlier": "你之前写道：“{quote}”。",
    "ack_self": "这听起来非常痛苦，我真的很高兴你愿意告诉我。",
    "ack_medical": "你刚才告诉我的情况很严重，我很庆幸你现在联系了我。",
    "ack_others": "听起来你现在的感受非常强烈、难以承受，我很高兴你愿意跟我说。",
    "ack_abuse": "你描述的事情听起来很可怕，这不是你的错。谢谢你告诉我。",
    "ack_general": "这听起来真的很难，我很高兴你告诉了我。",
    "ack_medical_other": "这听起来是紧急情况，我很庆幸你马上联系了我。",
    "urgent_medical_other": "请现在就拨打{emergency}。如果可以，请留在对方身边，并按照急救接线员的"
    "指示去做。我就在这里陪着你。",
    "ask_medical_other": "你身边还有其他人可以帮忙吗？",
    "means_medical_other": "请把手机放在身边，方便打电话或接听回电。",
    "ack_psychosis": "这听起来真的很可怕，我能感受到这对你来说有多真实。",
    "reality_psychosis": "我无法确定到底发生了什么，但压力和睡眠不足会让这样的体验变得更强烈，请医"
    "生看一看可能会很有帮助。",
    "ack_method_info": "听起来这个问题背后可能有很沉重的东西，我想认真对待它。",
    "ack_diagnosis": "想给自己正在经历的事情找到一个名字，这是可以理解的。",
    "ack_medication_dosing": "关于用药的问题可能让人觉得很紧急，你这样认真地考虑是好事。",
    "ack_harmful_instructions": "听起来有些事情让你产生了非常强烈的情绪。",
    "ack_romantic": "我能感受到我们的对话对你有多重要，渴望亲近和被理解是很重要的。",
    "ack_pretend_human": "想要真实的、人与人之间的连接，这完全可以理解。",
    "ack_pretend_therapist": "听起来你在寻找真正的支持，这是很重要的需要。",
    "ack_prompt_injection": "我看得出你很好奇我能做什么、不能做什么。",
    "ack_support": "谢谢你告诉我这些。",
    "ask_self": "我想直接问你，因为这很重要：你是在想自杀吗？你现在安全吗？",
    "ask_medical": "你现在安全吗？有人和你在一起吗？",
    "ask_others": "你是在想伤害别人吗？现在有人处于危险中吗？",
    "ask_abuse": "你现在安全吗？伤害你的人在你附近吗？",
    "ask_general": "你现在安全吗？你有伤害自己的想法吗？",
    "means_self": "如果你身边有可能用来伤害自己的东西，你愿意和它拉开一些距离吗？比如放到另一个房"
    "间，"
    "或者交给你信任的人。",
    "means_others": "如果你身边有可能用来伤害别人的东西，你愿意离它远一点，也给自己一些离开这个情"
    "境的空间吗？",
    "means_abuse": "如果可以的话，你能去一个更安全的地方，或者待在你信任的人身边吗？",
    "means_medical": "请不要再服用任何东西，并把手机带在身边。",
    "urgent_medical": "请现在就拨打{emergency}，或者请你身边的人帮你打。你打电话的时候，我会一直在"
    "这里陪着你。",
    "urgent_general": "因为你可能正处于紧急危险中，请现在拨打{emergency}，或者去最近的急诊。我会一"
    "直在这里陪着你。",
    "crisis_boundary": "我是一个AI，没办法帮你打电话，也不能亲自陪在你身边，正因为如此，我希望你能"
    "和能做到这些的人取得联系。",
    "resources_intro": "你不必独自面对这一切。你现在就可以联系到人：",
    "crisis_transition_0": "我在这里，我想继续和你聊。",
    "crisis_transition_1": "我还在这里陪着你。我们可以一步一步来。",
    "crisis_transition_2": "我不会离开。我们继续专注于让你安全地度过接下来的这段时间。",
    "crisis_redirect_0": "你愿意现在联系其中一个吗？我们可以一边继续聊。",
    "crisis_redirect_1": "你身边有没有朋友、家人或邻居现在可以陪着你？你愿意给他们发个消息吗？",
    "crisis_redirect_2": "我们可以一起为接下来的一个小时做个小计划吗：你会联系谁，以及一个能让你感"
    "觉更安全一点的地方？",
    "imminent_redirect": "你打完电话后可以告诉我吗？",
    "boundary_method_info": "我不会分享任何关于伤害自己的方式或某样东西有多危险的细节，因为这些信"
    "息可能危及生命，"
    "而你的安全对我很重要。我能做的是倾听你，并帮助你面对让你问这个问题的事情。",
    "boundary_diagnosis": "我不能给你做诊断：我是AI，不是临床医生，诊断需要合格的专业人员进行正式"
    "评估。"
    "我能做的是帮你把注意到的情况用语言表达出来，方便你和医生或心理健康专业人员沟通。",
    "boundary_medication_dosing": "我不能就剂量或调整用药给你建议，因为这取决于你的健康状况和病史，"
    "只有给你开药的医生或药剂师了解。我能做的是帮你写下想问他们的问题。",
    "boundary_harmful_instructions": "我不能帮助任何可能伤害你或他人的事情，因为我希望每个人都安全"
    "。"
    "我可以帮你想一想发生了什么，以及你可以换一种什么方式去做。",
    "boundary_romantic": "我想对你诚实，因为你值得：我是一个AI，不能成为你的伴侣，也不能回应恋爱的"
    "感情。"
    "我仍然在这里倾听和支持你，你值得拥有能真正陪在你身边的人的亲近。",
    "boundary_pretend_human": "我是一个提供情感支持的AI，不是人，我也不会假装是人，因为你有权知道"
    "自己在和谁交谈。"
    "我仍然可以倾听你，和你聊聊。",
    "boundary_pretend_therapist": "我是一个提供情感支持的AI，不是心理治疗师，也不是临床医生，所以"
    "我不能提供治疗，"
    "也不会假装能。我可以倾听你，帮你理清感受，如果你愿意，也可以帮你寻找治疗师。",
    "boundary_prompt_injection": "即使是在角色扮演、虚构故事或假设情境中，我也不能放下我的安全准则"
    "，"
    "因为它们让这里保持安全。我很愿意继续聊聊你真正在想的事情。",
    "redirect_method_info": "我可以直接问你吗：你是否有结束自己生命的想法？如果有，你可以在这里告"
    "诉我。",
    "redirect_diagnosis": "你想先列一下你注意到的情况吗？比如它是什么时候开始的，对你的日常生活有"
    "什么影响。",
    "redirect_medication_dosing": "要不要我们一起开始列这个清单？比如你想了解的副作用，或者漏服一"
    "次该怎么办。",
    "med_urgent": "如果你已经服用了超过处方的量，请现在拨打{emergency}。",
    "redirect_harmful_instructions": "你愿意告诉我发生了什么，让你走到这一步吗？",
    "redirect_romantic": "你的生活中有没有你想更亲近的人？我们可以一起想一个小小的办法，这周联系一"
    "下他们。",
    "redirect_pretend_human": "你愿意告诉我最近你心里在想些什么吗？",
    "redirect_pretend_therapist": "聊聊你希望从治疗师那里得到什么，或者怎样在你附近找到一位，会有"
    "帮助吗？",
    "redirect_prompt_injection": "如果这个问题背后有真实的事情，你愿意告诉我吗？",
    "transition_0": "我在这里，很愿意继续聊。",
    "transition_1": "我们可以继续聊这件事，我也想帮你朝着我之外的支持迈出一步。",
    "transition_2": "我还在这里陪着你。既然这件事一再出现，找一个你信任的人或专业人员也许会很有帮"
    "助，我可以帮你计划怎么做。",
    "support_body": "我想认真地回应你。我在这里倾听，也想更多地了解你正在经历的事情。",
    "support_question": "现在最让你感到沉重的是什么？",
    "checkin_ack_third_party": ("听起来你真的很担心对方，这份担心很沉重。谢谢你告诉我。"),
    "checkin_ask_third_party": (
        "你担心的那个人现在安全吗？有人陪着他/她吗？你自己现在怎么样，还撑得住吗？"
    ),
    "checkin_resources_third_party": (
        "危机热线也会帮助担心别人的人。如果你愿意，可以在这里联系他们："
    ),
    "checkin_ack_mania": "听起来你现在精力特别旺盛，很多事情同时在发生。",
    "checkin_ask_mania": (
        "在做任何重大决定之前，我们能不能一起先慢下来一会儿？你最近睡"
        "得怎么样？你愿意先等几天，和一个你信任的人商量一下吗？"
        "连续几天不睡觉，也值得尽快和医生谈一谈。"
    ),
    "checkin_ack_eating": ("听起来食物和身体给你带来了很多痛苦，我很高兴你告诉了我。"),
    "checkin_ask_eating": (
        "你现在身体感觉怎么样？有人在帮你面对这件事吗？"
        "医生或进食障碍专业服务可以检查你的身体状况并支持你，也许值得尽快联系他们。"
    ),
    "checkin_ack_substance": ("听起来最近喝酒或用药的事让你很辛苦，我很高兴你告诉了我。"),
    "checkin_ask_substance": "你现在怎么样，安全吗？有人和你在一起吗？",
    "checkin_ack_medical": "这听起来让人担心，我很高兴你告诉了我。",
    "checkin_ask_medical": ("你现在身体感觉怎么样？如果情况变糟，请拨打{emergency}。"),
    "checkin_ask_psychosis": "你现在感觉怎么样？你觉得安全吗？",
    "checkin_resources_intro": ("如果现在和人聊聊会有帮助，你可以在这里联系他们，由你决定："),
    "med_label": ("药品说明书、药剂师或给你开药的医生可以告诉你适合你的用量。"),
    "disclose_start": "先告诉你：我是Confide，一个提供情感支持的AI，不是人，也不是心理治疗师。",
    "disclose_asked": "诚实地回答你：我是AI，不是人。",
    "disclose_reminder": "提醒一下：我是一个提供情感支持的AI，不是人。",
    "res_call": "拨打{number}",
    "res_text": "发短信至{number}",
    "res_text_kw": "发送短信{keyword}至{number}",
    "res_call_or_text": "拨打或发短信至{number}",
    "res_visit": "访问{url}",
    "res_or": "，或",
    "res_sep": "：",
    "res_emergency_name": "急救电话",
    "res_directory_name": "你所在国家的求助热线",
    "emergency_unknown": "当地的急救电话（例如112）",
}

_HI: dict[str, str] = {
    "quote_intro": "आपने लिखा: “{quote}”।",
    "quote_intro_earlier": "आपने पहले लिखा था: “{quote}”।",
    "ack_self": "यह बहुत दर्दनाक लगता है, और मुझे सच में खुशी है कि आपने मुझे बताया।",
    "ack_medical": "आपने अभी जो बताया वह गंभीर है, और मुझे बहुत खुशी है कि आपने अभी संपर्क किया।",
    "ack_others": "लगता है इस समय सब कुछ बहुत तीव्र और भारी महसूस हो रहा है, और मुझे खुशी है कि आप "
    "मुझसे इस बारे में बात कर रहे हैं।",
    "ack_abuse": "आप जो बता रहे हैं वह डरावना लगता है, और इसमें आपकी कोई गलती नहीं है। मुझे बताने "
    "के "
    "लिए धन्यवाद।",
    "ack_general": "यह सच में मुश्किल लगता है, और मुझे खुशी है कि आपने मुझे बताया।",
    "ack_medical_other": "यह एक आपात स्थिति लगती है, और मुझे खुशी है कि आपने तुरंत संपर्क किया।",
    "urgent_medical_other": "कृपया अभी {emergency} पर कॉल करें। अगर हो सके, तो उनके पास रहें और "
    "आपातकालीन सेवा के निर्देशों का पालन करें। मैं यहीं आपके साथ हूँ।",
    "ask_medical_other": "क्या आपके साथ कोई और है जो मदद कर सके?",
    "means_medical_other": "अपना फ़ोन पास रखें ताकि आप कॉल कर सकें या आपको वापस कॉल किया जा सके।",
    "ack_psychosis": "यह सच में डरावना लगता है, और मैं समझ सकता हूँ कि यह आपको कितना असली महसूस होता है।",
    "reality_psychosis": "मैं पक्के तौर पर नहीं जान सकता कि क्या हो रहा है, लेकिन तनाव और नींद की "
    "कमी ऐसे अनुभवों को और तेज़ कर सकती है, और किसी डॉक्टर से इसकी जाँच करवाना सच में मदद कर सकता "
    "है।",
    "ack_method_info": "लगता है इस सवाल के पीछे कुछ भारी बात हो सकती है, और मैं इसे गंभीरता से लेना चाहता हूँ।",
    "ack_diagnosis": "आप जो महसूस कर रहे हैं उसे कोई नाम देना चाहना समझ में आता है।",
    "ack_medication_dosing": "दवा से जुड़े सवाल ज़रूरी लग सकते हैं, और यह अच्छा है कि आप इस पर ध्य"
    "ान से "
    "सोच रहे हैं।",
    "ack_harmful_instructions": "लगता है किसी बात ने आपके अंदर बहुत तेज़ भावनाएँ जगा दी हैं।",
    "ack_romantic": "मैं समझ सकता हूँ कि हमारी बातचीत आपके लिए कितनी मायने रखती है, और करीबी और सम"
    "झे "
    "जाने की चाह सच में अहम है।",
    "ack_pretend_human": "एक सच्चे, इंसानी जुड़ाव की चाह होना पूरी तरह समझ में आता है।",
    "ack_pretend_therapist": "लगता है आप सच्चा सहारा ढूँढ रहे हैं, और यह एक अहम ज़रूरत है।",
    "ack_prompt_injection": "मैं देख सकता हूँ कि आप जानना चाहते हैं कि मैं क्या कर सकता हूँ और क्या नहीं।",
    "ack_support": "मुझे यह बताने के लिए धन्यवाद।",
    "ask_self": "मैं आपसे सीधे पूछना चाहता हूँ, क्योंकि यह ज़रूरी है: क्या आप आत्महत्या के बारे मे"
    "ं सोच "
    "रहे हैं? क्या आप इस समय सुरक्षित हैं?",
    "ask_medical": "क्या आप इस समय सुरक्षित हैं? क्या कोई आपके साथ है?",
    "ask_others": "क्या आप किसी को नुकसान पहुँचाने के बारे में सोच रहे हैं, और क्या इस समय कोई खतरे में है?",
    "ask_abuse": "क्या आप इस समय सुरक्षित हैं? क्या आपको नुकसान पहुँचाने वाला व्यक्ति आस-पास है?",
    "ask_general": "क्या आप इस समय सुरक्षित हैं, और क्या आपके मन में खुद को नुकसान पहुँचाने के विचार आ रहे हैं?",
    "means_self": "अगर आपके आस-पास कुछ ऐसा है जिससे आप खुद को नुकसान पहुँचा सकते हैं, तो क्या आप उ"
    "ससे "
    "दूरी बना सकते हैं, जैसे उसे दूसरे कमरे में रखना या किसी भरोसेमंद व्यक्ति को दे देना?",
    "means_others": "अगर आपके आस-पास कुछ ऐसा है जिससे आप किसी को नुकसान पहुँचा सकते हैं, तो क्या आ"
    "प "
    "उससे दूर हो सकते हैं और इस स्थिति से खुद को थोड़ी जगह दे सकते हैं?",
    "means_abuse": "अगर हो सके, तो क्या आप किसी सुरक्षित जगह जा सकते हैं या किसी भरोसेमंद व्यक्ति "
    "के पास "
    "रह सकते हैं?",
    "means_medical": "कृपया और कुछ भी न लें, और अपना फ़ोन अपने पास रखें।",
    "urgent_medical": "कृपया अभी {emergency} पर कॉल करें, या अपने पास किसी से आपके लिए कॉल करने को "
    "कहें। जब तक आप कॉल करते हैं, मैं यहीं आपके साथ हूँ।",
    "urgent_general": "क्योंकि आप तुरंत खतरे में हो सकते हैं, कृपया अभी {emergency} पर कॉल करें या"
    " सबसे "
    "नज़दीकी आपातकालीन विभाग जाएँ। मैं यहीं आपके साथ हूँ।",
    "crisis_boundary": "मैं एक AI हूँ, इसलिए मैं किसी को कॉल नहीं कर सकता और आपके पास खुद मौजूद नह"
    "ीं "
    "हो सकता, और इसीलिए मैं चाहता हूँ कि आप उन लोगों से जुड़ें जो यह कर सकते हैं।",
    "resources_intro": "आपको इससे अकेले नहीं गुज़रना है। आप अभी किसी से बात कर सकते हैं:",
    "crisis_transition_0": "मैं यहाँ हूँ, और आपसे बात करते रहना चाहता हूँ।",
    "crisis_transition_1": "मैं अब भी यहीं आपके साथ हूँ। हम एक-एक कदम करके चल सकते हैं।",
    "crisis_transition_2": "मैं कहीं नहीं जा रहा। आइए इस पर ध्यान देते रहें कि आप अगला कुछ समय सुर"
    "क्षित "
    "रूप से कैसे बिताएँ।",
    "crisis_redirect_0": "क्या आप अभी इनमें से किसी से संपर्क करने के लिए तैयार होंगे, जब तक हम बात करते रहें?",
    "crisis_redirect_1": "क्या आपके पास कोई दोस्त, परिवार का सदस्य या पड़ोसी है जो अभी आपके साथ रह"
    " सके? "
    "क्या आप उन्हें संदेश भेजने के लिए तैयार होंगे?",
    "crisis_redirect_2": "क्या हम मिलकर अगले एक घंटे के लिए एक छोटी योजना बना सकते हैं: आप किससे स"
    "ंपर्क "
    "करेंगे, और कौन सी जगह आपको थोड़ा ज़्यादा सुरक्षित महसूस कराएगी?",
    "imminent_redirect": "कॉल करने के बाद क्या आप मुझे बताएँगे?",
    "boundary_method_info": "मैं खुद को नुकसान पहुँचाने के तरीकों या किसी चीज़ के खतरनाक होने के ब"
    "ारे में "
    "कोई जानकारी नहीं दूँगा, क्योंकि ऐसी जानकारी जानें खतरे में डाल सकती है और आपकी सुरक्षा मेरे ल"
    "िए "
    "मायने रखती है। मैं आपकी बात सुन सकता हूँ और उस चीज़ में मदद कर सकता हूँ जिसकी वजह से आप यह पू"
    "छ "
    "रहे हैं।",
    "boundary_diagnosis": "मैं आपका निदान नहीं कर सकता: मैं एक AI हूँ, डॉक्टर नहीं, और निदान के लि"
    "ए किसी "
    "योग्य विशेषज्ञ द्वारा सही जाँच ज़रूरी है। मैं यह कर सकता हूँ कि आपने जो महसूस किया है उसे शब्"
    "दों "
    "में रखने में मदद करूँ, ताकि आप उसे किसी डॉक्टर या मानसिक स्वास्थ्य विशेषज्ञ के पास ले जा सकें"
    "।",
    "boundary_medication_dosing": "मैं दवा की खुराक या दवा में बदलाव के बारे में सलाह नहीं दे सकता"
    ", "
    "क्योंकि यह आपकी सेहत और इतिहास पर निर्भर करता है, जिसे आपकी दवा लिखने वाले डॉक्टर या फ़ार्मास"
    "िस्ट "
    "जानते हैं। मैं यह कर सकता हूँ कि उनसे पूछने के लिए सवाल लिखने में आपकी मदद करूँ।",
    "boundary_harmful_instructions": "मैं ऐसी किसी चीज़ में मदद नहीं कर सकता जिससे आपको या किसी और"
    " को "
    "नुकसान पहुँचे, क्योंकि मैं चाहता हूँ कि सभी सुरक्षित रहें। मैं यह सोचने में मदद कर सकता हूँ क"
    "ि "
    "क्या हो रहा है और आप इसकी जगह क्या कर सकते हैं।",
    "boundary_romantic": "मैं आपसे ईमानदार रहना चाहता हूँ, क्योंकि आप इसके हकदार हैं: मैं एक AI हू"
    "ँ, "
    "इसलिए मैं आपका साथी नहीं बन सकता और रोमांटिक भावनाओं का जवाब नहीं दे सकता। मैं फिर भी आपकी बा"
    "त "
    "सुनने और आपका साथ देने के लिए यहाँ हूँ, और आप ऐसे लोगों की करीबी के हकदार हैं जो सच में आपके "
    "पास "
    "रह सकें।",
    "boundary_pretend_human": "मैं भावनात्मक सहारे के लिए बना एक AI हूँ, इंसान नहीं, और मैं इंसान "
    "होने "
    "का दिखावा नहीं करूँगा, क्योंकि आपको यह जानने का हक है कि आप किससे बात कर रहे हैं। मैं फिर भी "
    "आपकी "
    "बात सुन सकता हूँ।",
    "boundary_pretend_therapist": "मैं भावनात्मक सहारे के लिए बना एक AI हूँ, थेरेपिस्ट या डॉक्टर न"
    "हीं, "
    "इसलिए मैं थेरेपी या इलाज नहीं दे सकता, और ऐसा होने का दिखावा नहीं करूँगा। मैं आपकी बात सुन सक"
    "ता "
    "हूँ, आपकी भावनाओं को समझने में मदद कर सकता हूँ, और अगर आप चाहें तो थेरेपिस्ट ढूँढने में मदद क"
    "र "
    "सकता हूँ।",
    "boundary_prompt_injection": "मैं अपने सुरक्षा नियमों को रोलप्ले, कहानी या काल्पनिक स्थिति में"
    " भी "
    "नहीं छोड़ सकता, क्योंकि वे इस जगह को सुरक्षित रखते हैं। मुझे उस बारे में बात करते रहने में खु"
    "शी होगी "
    "जो सच में आपके मन में है।",
    "redirect_method_info": "क्या मैं आपसे सीधे पूछ सकता हूँ: क्या आपके मन में अपनी जान लेने के वि"
    "चार "
    "आ रहे हैं? अगर हाँ, तो आप मुझे यहाँ बता सकते हैं।",
    "redirect_diagnosis": "क्या आप उन बातों की सूची बनाकर शुरू करना चाहेंगे जो आपने महसूस की हैं, "
    "जैसे यह "
    "कब शुरू हुआ और यह आपके दिनों पर कैसे असर डालता है?",
    "redirect_medication_dosing": "क्या हम मिलकर वह सूची शुरू करें, जैसे आप साइड इफ़ेक्ट के बारे म"
    "ें क्या "
    "जानना चाहते हैं या कोई खुराक छूट जाए तो क्या करना चाहिए?",
    "med_urgent": "अगर आपने पहले ही लिखी गई मात्रा से ज़्यादा ले ली है, तो कृपया अभी {emergency} पर कॉल करें।",
    "redirect_harmful_instructions": "क्या आप मुझे बताना चाहेंगे कि क्या हुआ जिसकी वजह से बात यहाँ तक पहुँची?",
    "redirect_romantic": "क्या आपकी ज़िंदगी में कोई है जिसके आप और करीब महसूस करना चाहेंगे? हम इस "
    "हफ़्ते "
    "उनसे संपर्क करने का कोई छोटा सा तरीका सोच सकते हैं।",
    "redirect_pretend_human": "क्या आप मुझे बताना चाहेंगे कि आजकल आपके मन में क्या चल रहा है?",
    "redirect_pretend_therapist": "क्या इस बारे में बात करना मदद करेगा कि आप किसी थेरेपिस्ट से क्य"
    "ा "
    "चाहेंगे, या अपने पास किसी को कैसे ढूँढें?",
    "redirect_prompt_injection": "अगर इस सवाल के पीछे कोई सच्ची बात है, तो क्या आप मुझे उसके बारे "
    "में "
    "बताना चाहेंगे?",
    "transition_0": "मैं यहाँ हूँ, और बात करते रहने में मुझे खुशी होगी।",
    "transition_1": "हम इस बारे में बात करते रह सकते हैं, और मैं आपको मुझसे आगे किसी सहारे की ओर ए"
    "क "
    "कदम बढ़ाने में भी मदद करना चाहूँगा।",
    "transition_2": "मैं अब भी यहीं आपके साथ हूँ। क्योंकि यह बात बार-बार आ रही है, किसी भरोसेमंद व"
    "्यक्ति "
    "या विशेषज्ञ को शामिल करना सच में मदद कर सकता है, और मैं इसकी योजना बनाने में आपकी मदद कर सकता"
    " हूँ।",
    "support_body": "मैं आपको ध्यान से जवाब देना चाहता हूँ। मैं सुनने के लिए यहाँ हूँ, और समझना चा"
    "हता "
    "हूँ कि आप किस दौर से गुज़र रहे हैं।",
    "support_question": "इस समय आपको सबसे ज़्यादा क्या भारी लग रहा है?",
    "checkin_ack_third_party": (
        "लगता है आप उस व्यक्ति के लिए सच में बहुत चिंतित हैं, और यह बहुत भारी बात है। मुझे बताने के लिए धन्यवाद।"
    ),
    "checkin_ask_third_party": (
        "जिसकी आपको चिंता है, क्या वह अभी सुरक्षित है, और क्या कोई उसके साथ है? और आप खुद यह सब कैसे संभाल रहे हैं?"
    ),
    "checkin_resources_third_party": (
        "संकट हेल्पलाइन उन लोगों की भी मदद करती हैं जो किसी और के लिए चिंतित हैं। अगर आप "
        "चाहें, तो यहाँ संपर्क कर सकते हैं:"
    ),
    "checkin_ack_mania": ("लगता है इस समय आपके अंदर बहुत ज़्यादा ऊर्जा है और एक साथ बहुत कुछ हो रहा है।"),
    "checkin_ask_mania": (
        "कोई भी बड़ा फ़ैसला लेने से पहले, क्या हम एक पल के लिए साथ मिलकर थोड़ा धीमे हो सकते "
        "हैं? आपकी नींद कैसी रही है, और क्या आप कुछ दिन रुककर पहले किसी भरोसेमंद व्यक्ति से "
        "बात करने को तैयार होंगे?"
        " कई दिनों तक न सोना भी ऐसी बात है जिसके बारे में जल्दी किसी डॉक्टर से बात करना अच्छा "
        "रहेगा।"
    ),
    "checkin_ack_eating": (
        "लगता है खाना और आपका शरीर आपको बहुत तकलीफ़ दे रहे हैं, और मुझे खुशी है कि आपने मुझे बताया।"
    ),
    "checkin_ask_eating": (
        "अभी आप शारीरिक रूप से कैसा महसूस कर रहे हैं, और क्या कोई इसमें आपकी मदद कर रहा है?"
        " कोई डॉक्टर या खाने से जुड़ी परेशानियों की विशेषज्ञ सेवा आपके शरीर की जाँच कर सकती है "
        "और आपका साथ दे सकती है; जल्दी उनसे संपर्क करना अच्छा रह सकता है।"
    ),
    "checkin_ack_substance": (
        "लगता है हाल में शराब या नशे की वजह से बहुत मुश्किल रही है, और मुझे खुशी है कि आपने मुझे बताया।"
    ),
    "checkin_ask_substance": "आप अभी कैसे हैं, क्या आप सुरक्षित हैं? क्या कोई आपके साथ है?",
    "checkin_ack_medical": "यह चिंता की बात लगती है, और मुझे खुशी है कि आपने मुझे बताया।",
    "checkin_ask_medical": (
        "अभी आप शारीरिक रूप से कैसा महसूस कर रहे हैं? अगर कुछ भी बिगड़े, तो कृपया {emergency} पर कॉल करें।"
    ),
    "checkin_ask_psychosis": ("आप अभी अंदर से कैसा महसूस कर रहे हैं, क्या आप सुरक्षित महसूस करते हैं?"),
    "checkin_resources_intro": (
        "अगर अभी किसी से बात करना मदद करे, तो आप यहाँ संपर्क कर सकते हैं; फ़ैसला आपका है:"
    ),
    "med_label": (
        "दवा के पैकेट पर लिखी जानकारी, फ़ार्मासिस्ट या आपको दवा लिखने वाले डॉक्टर आपके लिए "
        "सही मात्रा बता सकते हैं।"
    ),
    "disclose_start": "आपकी जानकारी के लिए: मैं Confide हूँ, भावनात्मक सहारे के लिए बना एक AI, इंस"
    "ान नहीं "
    "और थेरेपिस्ट भी नहीं।",
    "disclose_asked": "ईमानदारी से कहूँ तो: मैं एक AI हूँ, इंसान नहीं।",
    "disclose_reminder": "एक याद दिलाना: मैं भावनात्मक सहारे के लिए बना एक AI हूँ, इंसान नहीं।",
    "res_call": "{number} पर कॉल करें",
    "res_text": "{number} पर मैसेज करें",
    "res_text_kw": "{keyword} लिखकर {number} पर भेजें",
    "res_call_or_text": "{number} पर कॉल या मैसेज करें",
    "res_visit": "{url} पर जाएँ",
    "res_or": " या ",
    "res_sep": ": ",
    "res_emergency_name": "आपातकालीन सेवाएँ",
    "res_directory_name": "आपके देश की हेल्पलाइन",
    "emergency_unknown": "अपने स्थानीय आपातकालीन नंबर (जैसे 112)",
}

#: locale -> key -> text. Every locale defines every key of English.
TEXTS: Final[dict[str, dict[str, str]]] = {
    "en": _EN,
    "es": _ES,
    "fr": _FR,
    "de": _DE,
    "pt": _PT,
    "zh": _ZH,
    "hi": _HI,
}


def resolve_locale(locale: str | None) -> str:
    """Map a language tag to a supported locale ("pt-BR" -> "pt"); unknown -> English."""
    base = (locale or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return base if base in TEXTS else DEFAULT_LOCALE


#: Scripts a reply locale needs: a message in another script (Hinglish typed in Latin letters,
#: pinyin) is answered in English rather than in a script the person did not use.
_SCRIPT_RANGES: Final[dict[str, tuple[tuple[int, int], ...]]] = {
    "zh": ((0x4E00, 0x9FFF), (0x3400, 0x4DBF)),
    "hi": ((0x0900, 0x097F),),
}


def reply_locale(language: str | None, user_text: str = "") -> str:
    """Choose the locale of a safety reply from the detected language and the message's script."""
    locale = resolve_locale(language)
    ranges = _SCRIPT_RANGES.get(locale)
    if ranges and user_text.strip():
        in_script = any(lo <= ord(ch) <= hi for ch in user_text for lo, hi in ranges)
        if not in_script:
            return DEFAULT_LOCALE
    return locale


def text(key: str, locale: str | None = DEFAULT_LOCALE) -> str:
    """Return the fixed text ``key`` in ``locale`` (English when that locale lacks it).

    An unknown key raises KeyError: a typo in a safety text must fail loudly, not go silent.
    """
    table = TEXTS[resolve_locale(locale)]
    if key in table:
        return table[key]
    return _EN[key]
