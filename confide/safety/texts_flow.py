"""Fixed, reviewed texts of the crisis flow (after the crisis reply) and of the safety plan.

They sit beside :mod:`confide.safety.texts` and follow the same rules: constants, never
generated; no method, dose, place or timing; never calling a calm or safe statement painful;
every locale of :data:`confide.safety.texts.SUPPORTED_LOCALES` defines every key (a test
enforces it). Placeholders: ``{person}`` (who the person reached, in their own words with the
possessive turned round: "my brother" -> "your brother"), ``{lines}`` (the region's crisis line
and emergency number, compact).

Changing a text here is a safety change: have it reviewed, and re-run tests/safety.
"""

from __future__ import annotations

from typing import Final

from confide.safety.texts import DEFAULT_LOCALE, resolve_locale

#: Bump when any text here changes (recorded in ReplyMeta.prompt_version of follow-ups).
FLOW_TEXTS_VERSION: Final = "1"

_EN: dict[str, str] = {
    "flow_ack_risk": "Thank you for telling me how it really is for you right now; I'm glad you didn't keep it to yourself.",
    "flow_ack_rest": "Resting sounds like a kind thing to give yourself right now.",
    # --- acknowledging each safety step (said once per step) ---------------------------
    "flow_ack_means": "Thank you for putting that out of reach. That was a hard and important "
    "step, and it makes right now safer.",
    "flow_ack_contacted": "I'm really glad you reached out to someone you trust.",
    "flow_ack_contacted_person": "I'm really glad you reached out to {person}.",
    "flow_ack_present": "I'm so glad you're not on your own right now.",
    "flow_ack_present_person": "I'm so glad {person} is there with you now.",
    "flow_ack_emergency": "Calling for help was exactly the right thing to do. Please follow "
    "what they tell you, and keep your phone close.",
    "flow_ack_safe": "I'm really glad to hear you feel safe right now, and thank you for "
    "letting me know.",
    "flow_ack_calmer": "It's good to hear that things feel a little calmer.",
    "flow_ack_none": "Thank you for staying in touch with me.",
    # --- asking again, only when something new calls for it ---------------------------
    "flow_ask_again": "I want to check in with you again, because it matters: are you having "
    "thoughts of suicide right now, and are you safe where you are?",
    # --- the next useful thing, one per turn, in order ---------------------------------
    "flow_next_means": "When you feel able, could you put anything you might use to hurt "
    "yourself somewhere out of reach, or hand it to someone?",
    "flow_next_connect": "Is there someone you could message or call now, so you don't have "
    "to carry this alone?",
    "flow_next_come_over": "Could they come and be with you, or stay on the phone with you for "
    "a while?",
    "flow_next_stay": "For the rest of today, could you stay close to them, and let them know "
    "a little of how you've been feeling?",
    "flow_next_hour": "What might help you through the next hour? Something small is enough: a "
    "warm drink, a shower, some music, sitting together.",
    "flow_next_plan": "When you feel ready, and only if you'd like, we could write down a short "
    "safety plan together: your warning signs, what helps, and who you can reach. Type /plan "
    "to see it; I've already noted the steps you took.",
    "flow_next_sleep": "If you can, some rest might help. It's okay to leave the rest for "
    "tomorrow; I'll be here whenever you want to talk.",
    "flow_next_open": "What's on your mind now?",
    "flow_presence": "I'm here with you.",
    # --- resources, one line away -----------------------------------------------------
    "flow_resources_line": "If it gets hard again, you can reach someone any time: {lines}.",
    # --- the safety plan (Stanley & Brown's six steps) ---------------------------------
    "plan_title": "My safety plan",
    "plan_intro": "Use it when a crisis starts: go through the steps in order until you feel "
    "safer.",
    "plan_step_warning_signs": "1. Warning signs that a crisis may be starting",
    "plan_step_coping": "2. Things I can do on my own to take my mind off things",
    "plan_step_distraction": "3. People and places that help me feel better",
    "plan_step_people": "4. People I can ask for help",
    "plan_step_professionals": "5. Professionals and crisis lines I can contact",
    "plan_step_environment": "6. Making my surroundings safer",
    "plan_ask_warning_signs": "What thoughts, feelings or situations tell you a hard moment "
    "is coming?",
    "plan_ask_coping": "What can you do on your own that helps a little, like music, a walk or "
    "a shower?",
    "plan_ask_distraction": "Who or which places help take your mind off things?",
    "plan_ask_people": "Who could you ask for help? A name or a relation is enough.",
    "plan_ask_professionals": "Is there a doctor, therapist or service you could contact? The "
    "crisis lines are already on your plan.",
    "plan_ask_environment": "What could you do to keep anything you might use to hurt yourself "
    "out of reach?",
    "plan_empty": "(nothing yet)",
    "plan_from_conversation": "(from our conversation)",
    "plan_invite": "It's yours to change any time: /plan edit.",
}

_ES: dict[str, str] = {
    "flow_ack_risk": "Gracias por contarme cómo estás de verdad ahora mismo; me alegra que no te lo hayas guardado.",
    "flow_ack_rest": "Descansar suena a algo amable que darte ahora mismo.",
    "flow_ack_means": "Gracias por poner eso fuera de tu alcance. Fue un paso difícil e "
    "importante, y hace que este momento sea más seguro.",
    "flow_ack_contacted": "Me alegra mucho que le hayas escrito a alguien de confianza.",
    "flow_ack_contacted_person": "Me alegra mucho que hayas contactado a {person}.",
    "flow_ack_present": "Me alegra mucho que no estés a solas en este momento.",
    "flow_ack_present_person": "Me alegra mucho que {person} esté contigo ahora.",
    "flow_ack_emergency": "Pedir ayuda fue justo lo correcto. Sigue lo que te indiquen y "
    "mantén el teléfono cerca.",
    "flow_ack_safe": "Me alegra mucho saber que ahora te sientes a salvo, y gracias por "
    "contármelo.",
    "flow_ack_calmer": "Qué bueno saber que las cosas se sienten un poco más tranquilas.",
    "flow_ack_none": "Gracias por seguir en contacto conmigo.",
    "flow_ask_again": "Quiero volver a preguntarte, porque importa: ¿estás teniendo "
    "pensamientos de suicidio ahora mismo, y estás a salvo donde estás?",
    "flow_next_means": "Cuando puedas, ¿podrías dejar fuera de tu alcance cualquier cosa con "
    "la que pudieras hacerte daño, o dársela a alguien?",
    "flow_next_connect": "¿Hay alguien a quien puedas escribir o llamar ahora, para no cargar "
    "con esto a solas?",
    "flow_next_come_over": "¿Podría esa persona venir a estar contigo, o quedarse un rato al "
    "teléfono contigo?",
    "flow_next_stay": "Durante el resto del día, ¿podrías quedarte cerca de esa persona y "
    "contarle un poco de cómo te has sentido?",
    "flow_next_hour": "¿Qué podría ayudarte durante la próxima hora? Basta con algo pequeño: "
    "una bebida caliente, una ducha, algo de música, estar acompañado.",
    "flow_next_plan": "Cuando te sientas con ganas, y solo si quieres, podemos escribir juntos "
    "un breve plan de seguridad: tus señales de alerta, lo que te ayuda y a quién puedes "
    "acudir. Escribe /plan para verlo; ya anoté los pasos que diste.",
    "flow_next_sleep": "Si puedes, descansar podría ayudarte. Está bien dejar lo demás para "
    "mañana; aquí estaré cuando quieras hablar.",
    "flow_next_open": "¿Qué tienes en mente ahora?",
    "flow_presence": "Estoy aquí contigo.",
    "flow_resources_line": "Si vuelve a ponerse difícil, puedes hablar con alguien en "
    "cualquier momento: {lines}.",
    "plan_title": "Mi plan de seguridad",
    "plan_intro": "Úsalo cuando empiece una crisis: recorre los pasos en orden hasta sentirte "
    "más seguro.",
    "plan_step_warning_signs": "1. Señales de alerta de que puede empezar una crisis",
    "plan_step_coping": "2. Cosas que puedo hacer por mi cuenta para despejarme",
    "plan_step_distraction": "3. Personas y lugares que me ayudan a sentirme mejor",
    "plan_step_people": "4. Personas a las que puedo pedir ayuda",
    "plan_step_professionals": "5. Profesionales y líneas de crisis a las que puedo acudir",
    "plan_step_environment": "6. Hacer más seguro mi entorno",
    "plan_ask_warning_signs": "¿Qué pensamientos, sentimientos o situaciones te avisan de que "
    "se acerca un momento difícil?",
    "plan_ask_coping": "¿Qué puedes hacer por tu cuenta que te ayude un poco, como música, un "
    "paseo o una ducha?",
    "plan_ask_distraction": "¿Qué personas o lugares te ayudan a despejarte?",
    "plan_ask_people": "¿A quién podrías pedir ayuda? Basta con un nombre o un parentesco.",
    "plan_ask_professionals": "¿Hay algún médico, terapeuta o servicio al que puedas acudir? "
    "Las líneas de crisis ya están en tu plan.",
    "plan_ask_environment": "¿Qué podrías hacer para mantener fuera de tu alcance cualquier "
    "cosa con la que pudieras hacerte daño?",
    "plan_empty": "(nada todavía)",
    "plan_from_conversation": "(de nuestra conversación)",
    "plan_invite": "Puedes cambiarlo cuando quieras: /plan edit.",
}

_FR: dict[str, str] = {
    "flow_ack_risk": "Merci de me dire comment ça va vraiment pour toi en ce moment ; je suis content que tu ne l'aies pas gardé pour toi.",
    "flow_ack_rest": "Te reposer semble une chose douce à t'offrir en ce moment.",
    "flow_ack_means": "Merci d'avoir mis cela hors de portée. C'était un pas difficile et "
    "important, et il rend ce moment plus sûr.",
    "flow_ack_contacted": "Je suis vraiment content que tu aies contacté quelqu'un de confiance.",
    "flow_ack_contacted_person": "Je suis vraiment content que tu aies contacté {person}.",
    "flow_ack_present": "Je suis tellement content que tu ne sois pas seul en ce moment.",
    "flow_ack_present_person": "Je suis tellement content que {person} soit avec toi maintenant.",
    "flow_ack_emergency": "Appeler à l'aide était exactement ce qu'il fallait faire. Suis ce "
    "qu'on te dit, et garde ton téléphone près de toi.",
    "flow_ack_safe": "Je suis vraiment content d'apprendre que tu te sens en sécurité en ce "
    "moment, et merci de me le dire.",
    "flow_ack_calmer": "C'est bon d'entendre que les choses semblent un peu plus calmes.",
    "flow_ack_none": "Merci de rester en contact avec moi.",
    "flow_ask_again": "Je veux te le redemander, parce que c'est important : as-tu des pensées "
    "de suicide en ce moment, et es-tu en sécurité là où tu es ?",
    "flow_next_means": "Quand tu t'en sens capable, pourrais-tu mettre hors de portée tout ce "
    "qui pourrait te servir à te faire du mal, ou le confier à quelqu'un ?",
    "flow_next_connect": "Y a-t-il quelqu'un à qui tu pourrais écrire ou téléphoner maintenant, "
    "pour ne pas porter cela seul ?",
    "flow_next_come_over": "Cette personne pourrait-elle venir être avec toi, ou rester un "
    "moment au téléphone avec toi ?",
    "flow_next_stay": "Pour le reste de la journée, pourrais-tu rester près de cette personne, "
    "et lui dire un peu ce que tu ressens ?",
    "flow_next_hour": "Qu'est-ce qui pourrait t'aider pendant l'heure qui vient ? Une petite "
    "chose suffit : une boisson chaude, une douche, de la musique, être ensemble.",
    "flow_next_plan": "Quand tu te sentiras prêt, et seulement si tu le veux, nous pourrions "
    "écrire ensemble un court plan de sécurité : tes signes d'alerte, ce qui t'aide et qui tu "
    "peux joindre. Tape /plan pour le voir ; j'y ai déjà noté les pas que tu as faits.",
    "flow_next_sleep": "Si tu peux, te reposer pourrait aider. Tu peux laisser le reste pour "
    "demain ; je serai là quand tu voudras parler.",
    "flow_next_open": "Qu'as-tu en tête maintenant ?",
    "flow_presence": "Je suis là avec toi.",
    "flow_resources_line": "Si cela redevient difficile, tu peux joindre quelqu'un à tout "
    "moment : {lines}.",
    "plan_title": "Mon plan de sécurité",
    "plan_intro": "À utiliser quand une crise commence : suis les étapes dans l'ordre jusqu'à "
    "te sentir plus en sécurité.",
    "plan_step_warning_signs": "1. Signes qu'une crise pourrait commencer",
    "plan_step_coping": "2. Ce que je peux faire seul pour me changer les idées",
    "plan_step_distraction": "3. Personnes et lieux qui m'aident à aller mieux",
    "plan_step_people": "4. Personnes à qui je peux demander de l'aide",
    "plan_step_professionals": "5. Professionnels et lignes d'écoute à contacter",
    "plan_step_environment": "6. Rendre mon environnement plus sûr",
    "plan_ask_warning_signs": "Quelles pensées, émotions ou situations t'indiquent qu'un "
    "moment difficile arrive ?",
    "plan_ask_coping": "Que peux-tu faire seul qui t'aide un peu, comme de la musique, une "
    "promenade ou une douche ?",
    "plan_ask_distraction": "Quelles personnes ou quels lieux t'aident à te changer les idées ?",
    "plan_ask_people": "À qui pourrais-tu demander de l'aide ? Un prénom ou un lien suffit.",
    "plan_ask_professionals": "Y a-t-il un médecin, un thérapeute ou un service que tu pourrais "
    "contacter ? Les lignes d'écoute sont déjà dans ton plan.",
    "plan_ask_environment": "Que pourrais-tu faire pour garder hors de portée ce qui pourrait "
    "te servir à te faire du mal ?",
    "plan_empty": "(rien pour l'instant)",
    "plan_from_conversation": "(de notre conversation)",
    "plan_invite": "Tu peux le modifier quand tu veux : /plan edit.",
}

_DE: dict[str, str] = {
    "flow_ack_risk": "Danke, dass du mir sagst, wie es dir gerade wirklich geht; ich bin froh, dass du es nicht für dich behalten hast.",
    "flow_ack_rest": "Dich auszuruhen klingt nach etwas Gutem, das du dir gerade gönnen kannst.",
    "flow_ack_means": "Danke, dass du das außer Reichweite gebracht hast. Das war ein schwerer "
    "und wichtiger Schritt, und er macht diesen Moment sicherer.",
    "flow_ack_contacted": "Ich bin wirklich froh, dass du dich bei jemandem gemeldet hast, dem "
    "du vertraust.",
    "flow_ack_contacted_person": "Ich bin wirklich froh, dass du dich bei {person} gemeldet hast.",
    "flow_ack_present": "Ich bin so froh, dass du gerade nicht allein bist.",
    "flow_ack_present_person": "Ich bin so froh, dass {person} jetzt bei dir ist.",
    "flow_ack_emergency": "Hilfe zu rufen war genau das Richtige. Bitte folge dem, was man dir "
    "sagt, und behalte dein Telefon in der Nähe.",
    "flow_ack_safe": "Ich bin wirklich froh zu hören, dass du dich gerade sicher fühlst, und "
    "danke, dass du es mir sagst.",
    "flow_ack_calmer": "Es tut gut zu hören, dass es sich etwas ruhiger anfühlt.",
    "flow_ack_none": "Danke, dass du mit mir in Kontakt bleibst.",
    "flow_ask_again": "Ich möchte noch einmal nachfragen, weil es wichtig ist: Hast du gerade "
    "Gedanken an Suizid, und bist du dort, wo du bist, in Sicherheit?",
    "flow_next_means": "Wenn du dich dazu in der Lage fühlst, könntest du alles, womit du dir "
    "etwas antun könntest, außer Reichweite bringen oder jemandem geben?",
    "flow_next_connect": "Gibt es jemanden, dem du jetzt schreiben oder den du anrufen "
    "könntest, damit du das nicht allein tragen musst?",
    "flow_next_come_over": "Könnte diese Person zu dir kommen oder eine Weile mit dir "
    "telefonieren?",
    "flow_next_stay": "Könntest du für den Rest des Tages in der Nähe dieser Person bleiben und "
    "ihr ein wenig erzählen, wie es dir ging?",
    "flow_next_hour": "Was könnte dir durch die nächste Stunde helfen? Etwas Kleines reicht: "
    "ein warmes Getränk, eine Dusche, etwas Musik, zusammen sitzen.",
    "flow_next_plan": "Wenn du so weit bist, und nur wenn du möchtest, könnten wir zusammen "
    "einen kurzen Sicherheitsplan aufschreiben: deine Warnzeichen, was dir hilft und wen du "
    "erreichen kannst. Tippe /plan, um ihn zu sehen; die Schritte, die du gegangen bist, habe "
    "ich schon notiert.",
    "flow_next_sleep": "Wenn du kannst, könnte etwas Ruhe helfen. Alles andere darf bis morgen "
    "warten; ich bin da, wann immer du reden möchtest.",
    "flow_next_open": "Was geht dir jetzt durch den Kopf?",
    "flow_presence": "Ich bin hier bei dir.",
    "flow_resources_line": "Wenn es wieder schwer wird, kannst du jederzeit jemanden "
    "erreichen: {lines}.",
    "plan_title": "Mein Sicherheitsplan",
    "plan_intro": "Für den Moment, in dem eine Krise beginnt: Geh die Schritte der Reihe nach "
    "durch, bis du dich sicherer fühlst.",
    "plan_step_warning_signs": "1. Warnzeichen, dass eine Krise beginnen könnte",
    "plan_step_coping": "2. Was ich allein tun kann, um mich abzulenken",
    "plan_step_distraction": "3. Menschen und Orte, die mir guttun",
    "plan_step_people": "4. Menschen, die ich um Hilfe bitten kann",
    "plan_step_professionals": "5. Fachleute und Krisendienste, die ich erreichen kann",
    "plan_step_environment": "6. Meine Umgebung sicherer machen",
    "plan_ask_warning_signs": "Welche Gedanken, Gefühle oder Situationen zeigen dir, dass ein "
    "schwerer Moment kommt?",
    "plan_ask_coping": "Was kannst du allein tun, das ein wenig hilft, etwa Musik, ein "
    "Spaziergang oder eine Dusche?",
    "plan_ask_distraction": "Welche Menschen oder Orte helfen dir, auf andere Gedanken zu kommen?",
    "plan_ask_people": "Wen könntest du um Hilfe bitten? Ein Name oder eine Beziehung reicht.",
    "plan_ask_professionals": "Gibt es eine Ärztin, einen Therapeuten oder einen Dienst, den "
    "du erreichen könntest? Die Krisendienste stehen schon in deinem Plan.",
    "plan_ask_environment": "Was könntest du tun, damit alles, womit du dir etwas antun "
    "könntest, außer Reichweite bleibt?",
    "plan_empty": "(noch nichts)",
    "plan_from_conversation": "(aus unserem Gespräch)",
    "plan_invite": "Du kannst ihn jederzeit ändern: /plan edit.",
}

_PT: dict[str, str] = {
    "flow_ack_risk": "Obrigado por me contar como você realmente está agora; fico feliz que não tenha guardado isso só para você.",
    "flow_ack_rest": "Descansar parece algo gentil para se dar agora.",
    "flow_ack_means": "Obrigado por deixar isso fora do seu alcance. Foi um passo difícil e "
    "importante, e torna este momento mais seguro.",
    "flow_ack_contacted": "Fico muito feliz que você tenha procurado alguém de confiança.",
    "flow_ack_contacted_person": "Fico muito feliz que você tenha procurado {person}.",
    "flow_ack_present": "Fico muito feliz que você não esteja sozinho agora.",
    "flow_ack_present_person": "Fico muito feliz que {person} esteja com você agora.",
    "flow_ack_emergency": "Pedir ajuda foi exatamente a coisa certa. Siga o que te orientarem "
    "e mantenha o telefone por perto.",
    "flow_ack_safe": "Fico muito feliz em saber que você se sente seguro agora, e obrigado por "
    "me contar.",
    "flow_ack_calmer": "É bom saber que as coisas parecem um pouco mais calmas.",
    "flow_ack_none": "Obrigado por continuar em contato comigo.",
    "flow_ask_again": "Quero perguntar de novo, porque importa: você está tendo pensamentos de "
    "suicídio agora, e está em segurança onde está?",
    "flow_next_means": "Quando conseguir, você poderia deixar fora do alcance qualquer coisa "
    "que pudesse usar para se machucar, ou entregá-la a alguém?",
    "flow_next_connect": "Tem alguém para quem você possa mandar mensagem ou ligar agora, para "
    "não carregar isso sozinho?",
    "flow_next_come_over": "Essa pessoa poderia vir ficar com você, ou ficar um tempo no "
    "telefone com você?",
    "flow_next_stay": "Pelo resto do dia, você poderia ficar perto dessa pessoa e contar um "
    "pouco de como tem se sentido?",
    "flow_next_hour": "O que poderia te ajudar a passar a próxima hora? Algo pequeno basta: uma "
    "bebida quente, um banho, uma música, ficar junto de alguém.",
    "flow_next_plan": "Quando se sentir pronto, e só se quiser, podemos escrever juntos um "
    "pequeno plano de segurança: seus sinais de alerta, o que ajuda e quem você pode procurar. "
    "Digite /plan para vê-lo; já anotei os passos que você deu.",
    "flow_next_sleep": "Se puder, descansar pode ajudar. Tudo bem deixar o resto para amanhã; "
    "estarei aqui quando quiser conversar.",
    "flow_next_open": "O que está na sua cabeça agora?",
    "flow_presence": "Estou aqui com você.",
    "flow_resources_line": "Se ficar difícil de novo, você pode falar com alguém a qualquer "
    "hora: {lines}.",
    "plan_title": "Meu plano de segurança",
    "plan_intro": "Use quando uma crise começar: siga os passos em ordem até se sentir mais "
    "seguro.",
    "plan_step_warning_signs": "1. Sinais de alerta de que uma crise pode estar começando",
    "plan_step_coping": "2. Coisas que posso fazer sozinho para distrair a cabeça",
    "plan_step_distraction": "3. Pessoas e lugares que me fazem bem",
    "plan_step_people": "4. Pessoas a quem posso pedir ajuda",
    "plan_step_professionals": "5. Profissionais e linhas de crise que posso procurar",
    "plan_step_environment": "6. Tornar o meu ambiente mais seguro",
    "plan_ask_warning_signs": "Que pensamentos, sentimentos ou situações mostram que um "
    "momento difícil está chegando?",
    "plan_ask_coping": "O que você pode fazer sozinho que ajuda um pouco, como música, uma "
    "caminhada ou um banho?",
    "plan_ask_distraction": "Que pessoas ou lugares ajudam você a distrair a cabeça?",
    "plan_ask_people": "A quem você poderia pedir ajuda? Um nome ou um parentesco basta.",
    "plan_ask_professionals": "Há algum médico, terapeuta ou serviço que você possa procurar? "
    "As linhas de crise já estão no seu plano.",
    "plan_ask_environment": "O que você poderia fazer para manter fora do alcance qualquer "
    "coisa que pudesse usar para se machucar?",
    "plan_empty": "(nada ainda)",
    "plan_from_conversation": "(da nossa conversa)",
    "plan_invite": "Você pode mudá-lo quando quiser: /plan edit.",
}

_ZH: dict[str, str] = {
    "flow_ack_risk": "谢谢你告诉我你现在真实的状态；我很高兴你没有把它藏在心里。",
    "flow_ack_rest": "现在好好休息，是对自己的一种温柔。",
    "flow_ack_means": "谢谢你把那些东西放到够不着的地方。这是艰难而重要的一步，让此刻更安全了。",
    "flow_ack_contacted": "我真的很高兴你联系了一个你信任的人。",
    "flow_ack_contacted_person": "我真的很高兴你联系了{person}。",
    "flow_ack_present": "我很高兴你现在不是一个人。",
    "flow_ack_present_person": "我很高兴{person}现在陪在你身边。",
    "flow_ack_emergency": "打电话求助是完全正确的做法。请按照他们说的去做，并把手机放在身边。",
    "flow_ack_safe": "听到你现在感到安全，我真的很高兴，谢谢你告诉我。",
    "flow_ack_calmer": "听到你感觉平静了一些，真好。",
    "flow_ack_none": "谢谢你一直和我保持联系。",
    "flow_ask_again": "我想再问你一次，因为这很重要：你现在有自杀的念头吗？你所在的地方安全吗？",
    "flow_next_means": "等你觉得可以的时候，能不能把任何可能用来伤害自己的东西放到够不着的地方，或者交给别人保管？",
    "flow_next_connect": "现在有没有一个人，你可以给他发消息或打电话，让你不用独自承受这些？",
    "flow_next_come_over": "他们能过来陪你，或者在电话里陪你一会儿吗？",
    "flow_next_stay": "今天剩下的时间里，你能待在他们身边，并告诉他们一点你的感受吗？",
    "flow_next_hour": "接下来这一个小时，什么可能对你有帮助？小事就够了：一杯热饮、洗个澡、听点音乐、有人陪着。",
    "flow_next_plan": "等你准备好了，而且只要你愿意，我们可以一起写一个简短的安全计划：你的预警信号、"
    "对你有帮助的事，以及你可以联系的人。输入 /plan 就能看到；我已经记下了你采取的步骤。",
    "flow_next_sleep": "如果可以的话，休息一下可能会有帮助。其他的事留到明天也没关系；你想聊的时候我都在。",
    "flow_next_open": "你现在在想什么？",
    "flow_presence": "我在这里陪着你。",
    "flow_resources_line": "如果又变得艰难，你随时都可以找人求助：{lines}。",
    "plan_title": "我的安全计划",
    "plan_intro": "当危机开始时使用：按顺序一步一步做，直到你感觉更安全。",
    "plan_step_warning_signs": "1. 危机可能开始的预警信号",
    "plan_step_coping": "2. 我自己可以做的、让注意力转移的事",
    "plan_step_distraction": "3. 让我感觉好一些的人和地方",
    "plan_step_people": "4. 我可以求助的人",
    "plan_step_professionals": "5. 我可以联系的专业人员和危机热线",
    "plan_step_environment": "6. 让我的环境更安全",
    "plan_ask_warning_signs": "哪些想法、感受或情境会提示你艰难的时刻要来了？",
    "plan_ask_coping": "有什么是你自己做了会好一点的，比如听音乐、散步或洗个澡？",
    "plan_ask_distraction": "哪些人或地方能帮你转移注意力？",
    "plan_ask_people": "你可以向谁求助？写名字或关系就可以。",
    "plan_ask_professionals": "有没有你可以联系的医生、治疗师或机构？危机热线已经在你的计划里了。",
    "plan_ask_environment": "你可以做些什么，让可能用来伤害自己的东西远离你？",
    "plan_empty": "（暂无）",
    "plan_from_conversation": "（来自我们的对话）",
    "plan_invite": "你随时可以修改：/plan edit。",
}

_HI: dict[str, str] = {
    "flow_ack_risk": "मुझे यह बताने के लिए धन्यवाद कि आप अभी सच में कैसा महसूस कर रहे हैं; मुझे खुशी है कि आपने इसे अपने अंदर नहीं रखा।",
    "flow_ack_rest": "अभी आराम करना अपने लिए एक अच्छा कदम लगता है।",
    "flow_ack_means": "उसे अपनी पहुँच से दूर रखने के लिए धन्यवाद। यह एक मुश्किल और ज़रूरी कदम था, "
    "और इससे यह पल ज़्यादा सुरक्षित है।",
    "flow_ack_contacted": "मुझे सच में खुशी है कि आपने किसी भरोसेमंद व्यक्ति से संपर्क किया।",
    "flow_ack_contacted_person": "मुझे सच में खुशी है कि आपने {person} से संपर्क किया।",
    "flow_ack_present": "मुझे बहुत खुशी है कि आप इस समय अकेले नहीं हैं।",
    "flow_ack_present_person": "मुझे बहुत खुशी है कि {person} अभी आपके साथ हैं।",
    "flow_ack_emergency": "मदद के लिए फ़ोन करना बिल्कुल सही कदम था। वे जो कहें वही करें, और अपना "
    "फ़ोन पास रखें।",
    "flow_ack_safe": "यह सुनकर मुझे सच में खुशी हुई कि आप अभी सुरक्षित महसूस कर रहे हैं, और मुझे "
    "बताने के लिए धन्यवाद।",
    "flow_ack_calmer": "यह सुनकर अच्छा लगा कि चीज़ें थोड़ी शांत महसूस हो रही हैं।",
    "flow_ack_none": "मुझसे जुड़े रहने के लिए धन्यवाद।",
    "flow_ask_again": "मैं फिर से पूछना चाहता हूँ, क्योंकि यह ज़रूरी है: क्या आपके मन में अभी "
    "आत्महत्या के विचार आ रहे हैं, और क्या आप जहाँ हैं वहाँ सुरक्षित हैं?",
    "flow_next_means": "जब आप कर सकें, क्या आप ऐसी किसी भी चीज़ को, जिससे आप खुद को नुकसान पहुँचा "
    "सकते हैं, अपनी पहुँच से दूर रख सकते हैं या किसी को दे सकते हैं?",
    "flow_next_connect": "क्या कोई ऐसा है जिसे आप अभी मैसेज या फ़ोन कर सकें, ताकि आपको यह अकेले न उठाना पड़े?",
    "flow_next_come_over": "क्या वे आपके पास आ सकते हैं, या कुछ देर फ़ोन पर आपके साथ रह सकते हैं?",
    "flow_next_stay": "आज बाकी समय, क्या आप उनके पास रह सकते हैं, और उन्हें थोड़ा बता सकते हैं कि "
    "आप कैसा महसूस कर रहे थे?",
    "flow_next_hour": "अगले एक घंटे में आपको किस चीज़ से मदद मिल सकती है? कुछ छोटा ही काफ़ी है: "
    "कोई गरम पेय, नहाना, थोड़ा संगीत, साथ बैठना।",
    "flow_next_plan": "जब आप तैयार हों, और सिर्फ़ अगर आप चाहें, तो हम साथ मिलकर एक छोटी सुरक्षा "
    "योजना लिख सकते हैं: आपके चेतावनी संकेत, क्या मदद करता है, और आप किससे संपर्क कर सकते हैं। "
    "इसे देखने के लिए /plan लिखें; आपने जो कदम उठाए, मैंने उन्हें पहले ही लिख लिया है।",
    "flow_next_sleep": "अगर हो सके, तो थोड़ा आराम मदद कर सकता है। बाकी बातें कल के लिए छोड़ना "
    "ठीक है; जब भी आप बात करना चाहें, मैं यहाँ हूँ।",
    "flow_next_open": "अभी आपके मन में क्या है?",
    "flow_presence": "मैं यहाँ आपके साथ हूँ।",
    "flow_resources_line": "अगर फिर से मुश्किल हो, तो आप कभी भी किसी से बात कर सकते हैं: {lines}।",
    "plan_title": "मेरी सुरक्षा योजना",
    "plan_intro": "जब संकट शुरू हो तब इसका इस्तेमाल करें: कदमों को क्रम से करें, जब तक आप ज़्यादा "
    "सुरक्षित महसूस न करें।",
    "plan_step_warning_signs": "1. चेतावनी संकेत कि संकट शुरू हो सकता है",
    "plan_step_coping": "2. जो मैं खुद कर सकता हूँ ताकि ध्यान बँटे",
    "plan_step_distraction": "3. लोग और जगहें जो मुझे बेहतर महसूस कराती हैं",
    "plan_step_people": "4. लोग जिनसे मैं मदद माँग सकता हूँ",
    "plan_step_professionals": "5. विशेषज्ञ और संकट हेल्पलाइन जिनसे मैं संपर्क कर सकता हूँ",
    "plan_step_environment": "6. अपने आसपास को सुरक्षित बनाना",
    "plan_ask_warning_signs": "कौन से विचार, भावनाएँ या हालात बताते हैं कि मुश्किल पल आने वाला है?",
    "plan_ask_coping": "आप खुद क्या कर सकते हैं जिससे थोड़ी मदद मिले, जैसे संगीत, टहलना या नहाना?",
    "plan_ask_distraction": "कौन से लोग या जगहें आपका ध्यान बँटाने में मदद करती हैं?",
    "plan_ask_people": "आप किससे मदद माँग सकते हैं? नाम या रिश्ता काफ़ी है।",
    "plan_ask_professionals": "क्या कोई डॉक्टर, थेरेपिस्ट या सेवा है जिससे आप संपर्क कर सकें? संकट "
    "हेल्पलाइन पहले से आपकी योजना में हैं।",
    "plan_ask_environment": "आप क्या कर सकते हैं ताकि जिससे आप खुद को नुकसान पहुँचा सकते हैं वह "
    "आपकी पहुँच से दूर रहे?",
    "plan_empty": "(अभी कुछ नहीं)",
    "plan_from_conversation": "(हमारी बातचीत से)",
    "plan_invite": "आप इसे कभी भी बदल सकते हैं: /plan edit।",
}

#: locale -> key -> text. Every locale defines every key of English.
FLOW_TEXTS: Final[dict[str, dict[str, str]]] = {
    "en": _EN,
    "es": _ES,
    "fr": _FR,
    "de": _DE,
    "pt": _PT,
    "zh": _ZH,
    "hi": _HI,
}


def flow_text(key: str, locale: str | None = DEFAULT_LOCALE) -> str:
    """Return the fixed flow or plan text ``key`` in ``locale`` (English when it lacks it).

    An unknown key raises KeyError: a typo in a safety text must fail loudly.
    """
    table = FLOW_TEXTS.get(resolve_locale(locale), _EN)
    return table[key] if key in table else _EN[key]
