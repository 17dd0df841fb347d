//! Reading-mode boilerplate: the small blocks that sit *inside* an article's
//! container without being story text — picture credits, "Category:" lines,
//! subscription and login prompts, "follow us" lines, copyright notices,
//! "about the author" boxes, comment sections, rating widgets.
//!
//! The clutter tables in [`super::labels`] say what a box is on the page;
//! these say what a line is in an article. Texts are normalised by
//! [`crate::text::normalize_label`] (lowercase, punctuation to spaces); each
//! list is sorted in byte order and unique. Phrases match whole words inside
//! a block's normalised text; labels match the whole text; prefixes match
//! the text before the block's first colon.

/// Boilerplate wording of one language.
pub struct BoilerplateSet {
    pub lang: &'static str,
    /// Whole texts of small blocks that are page furniture: "back",
    /// "comments", "rate this article", "table of contents".
    pub labels: &'static [&'static str],
    /// Headings that open a section running to the article's end: the
    /// comments, the author's box, "related posts". Matched as the start of
    /// a short line ("Comments (3)", "Lesen Sie auch die folgenden Beiträge:").
    pub tail_heads: &'static [&'static str],
    /// Labels that introduce other stories: on their own line they head a
    /// list of links; before a colon they make a line an insert ("Read also:
    /// …", "LE PUEDE INTERESAR: …").
    pub related: &'static [&'static str],
    /// Keys of metadata lines: "Category: News", "Tags: …".
    pub meta_keys: &'static [&'static str],
    /// Phrases that make a short block a prompt: subscribe, log in,
    /// download the app, reprint rights.
    pub phrases: &'static [&'static str],
    /// Phrases that make a short line (a sentence at most) a pointer
    /// elsewhere: "more information at …", "get the app for iOS and Android".
    pub pointers: &'static [&'static str],
    /// Words that introduce a picture credit: "Photo: …", "Bild: …".
    pub credits: &'static [&'static str],
}

/// Every language with boilerplate wording (ISO 639-1 codes).
pub const LANGUAGES: &[BoilerplateSet] = &[DE, EN, ES, FR, IT, NL, PL, PT, RU];

/// Picture agencies and stock libraries: a short line naming one is a credit.
/// Normalised, sorted, unique; matched as whole words.
pub const PICTURE_SOURCES: &[&str] = &[
    "123rf",
    "adobe stock",
    "adobestock",
    "afp",
    "ap photo",
    "bestimage",
    "depositphotos",
    "dpa",
    "epa",
    "fotolia",
    "getty",
    "getty images",
    "gettyimages",
    "imago",
    "istock",
    "istockphoto",
    "keystone",
    "pexels",
    "picture alliance",
    "pixabay",
    "reuters",
    "shutterstock",
    "unsplash",
    "wenn com",
];

/// Class/id tokens that, next to "author", mark an author box (bio,
/// portrait, social links) rather than a byline.
pub const AUTHOR_BOX_TOKENS: &[&str] = &[
    "about",
    "bio",
    "biography",
    "box",
    "card",
    "description",
    "info",
    "profile",
];

/// Words that ask readers to follow a publication ("follow", "folgen",
/// "suivez"); with a network name a few words on they make a prompt.
pub const FOLLOW_WORDS: &[&str] = &[
    "folgen",
    "follow",
    "obserwuj",
    "seguici",
    "siga",
    "sigue",
    "suivez",
    "síguenos",
    "volg",
];

/// Social networks named in follow prompts.
pub const SOCIAL_NETWORKS: &[&str] = &[
    "facebook",
    "instagram",
    "linkedin",
    "mastodon",
    "telegram",
    "threads",
    "tiktok",
    "twitter",
    "whatsapp",
    "youtube",
];

/// Month and weekday names and time words (several languages): a short line
/// made of these and numbers is a dateline.
pub const DATE_WORDS: &[&str] = &[
    "abril",
    "agosto",
    "am",
    "apr",
    "april",
    "aug",
    "august",
    "avril",
    "dec",
    "december",
    "dezember",
    "dic",
    "diciembre",
    "dienstag",
    "domingo",
    "donnerstag",
    "décembre",
    "enero",
    "feb",
    "febrero",
    "februar",
    "february",
    "freitag",
    "friday",
    "février",
    "h",
    "hrs",
    "jan",
    "januar",
    "january",
    "janvier",
    "jeudi",
    "jueves",
    "juillet",
    "juin",
    "jul",
    "juli",
    "julio",
    "july",
    "jun",
    "june",
    "juni",
    "junio",
    "lundi",
    "lunes",
    "mai",
    "mar",
    "march",
    "mardi",
    "mars",
    "martes",
    "marzo",
    "may",
    "mayo",
    "mercredi",
    "mittwoch",
    "miércoles",
    "monday",
    "montag",
    "märz",
    "nov",
    "november",
    "novembre",
    "noviembre",
    "oct",
    "october",
    "octobre",
    "octubre",
    "okt",
    "oktober",
    "pm",
    "samedi",
    "samstag",
    "saturday",
    "sep",
    "sept",
    "september",
    "septembre",
    "septiembre",
    "sonntag",
    "sunday",
    "thursday",
    "tuesday",
    "uhr",
    "utc",
    "vendredi",
    "viernes",
    "wednesday",
];

const EN: BoilerplateSet = BoilerplateSet {
    lang: "en",
    labels: &[
        "back",
        "back to top",
        "comments",
        "leave a comment",
        "leave a reply",
        "load more",
        "loading",
        "no comments",
        "post a comment",
        "print",
        "rate this article",
        "share",
        "share this",
        "table of contents",
    ],
    tail_heads: &[
        "about the author",
        "comments",
        "join the conversation",
        "leave a comment",
        "leave a reply",
        "post a comment",
        "related articles",
        "related posts",
        "related stories",
        "you may also like",
        "you might also like",
    ],
    related: &[
        "more on this",
        "read also",
        "read more",
        "related",
        "see also",
        "you may also like",
        "you might also like",
    ],
    meta_keys: &[
        "categories",
        "category",
        "filed under",
        "posted in",
        "tags",
        "topics",
    ],
    phrases: &[
        "affiliate links",
        "all rights reserved",
        "already a subscriber",
        "consider supporting",
        "copyrighted property",
        "download our app",
        "for the full story",
        "keep up with me on",
        "must be logged in",
        "please subscribe",
        "rss 2 0 feed",
        "sign up for our newsletter",
        "subscribe now",
        "suggested citation",
        "to view the full story",
        "you can log in",
    ],
    pointers: &[
        "ios and android",
        "more information at",
        "straight to your phone",
    ],
    credits: &[
        "credit",
        "credits",
        "image",
        "image credit",
        "photo",
        "photo credit",
        "photograph",
        "photos",
        "picture",
    ],
};

const DE: BoilerplateSet = BoilerplateSet {
    lang: "de",
    labels: &[
        "drucken",
        "empfohlene beiträge",
        "inhaltsverzeichnis",
        "kommentar schreiben",
        "kommentare",
        "kommentare insgesamt",
        "kommentare schreiben",
        "lade weitere inhalte",
        "neueste artikel",
        "teilen",
        "von",
        "weiterführende links",
        "weiterführender link",
        "zurück",
        "zurück zur listenansicht",
        "zurück zur übersicht",
    ],
    tail_heads: &[
        "das könnte dich auch interessieren",
        "das könnte sie auch interessieren",
        "das thema könnte dich auch interessieren",
        "empfohlene beiträge",
        "kommentar schreiben",
        "kommentare",
        "lesen sie auch",
        "mehr zum thema",
        "neueste artikel",
        "weitere beiträge",
        "zur person",
        "über den autor",
        "über die autorin",
    ],
    related: &[
        "auch lesen",
        "das könnte dich auch interessieren",
        "das könnte sie auch interessieren",
        "lesen sie auch",
        "lesen sie hier",
        "mehr lesen",
        "mehr zum thema",
        "siehe auch",
        "weitere beiträge",
        "weitere informationen",
        "weiterlesen",
    ],
    meta_keys: &[
        "aufrufe",
        "kategorie",
        "kategorien",
        "schlagworte",
        "schlagwörter",
        "stichworte",
        "themen",
    ],
    phrases: &[
        "alle rechte vorbehalten",
        "als pdf herunterladen",
        "artikel bewerten",
        "eingeloggt sein",
        "enthält werbung",
        "keine kommentare",
        "loggen sie sich",
        "noch keine bewertungen",
        "werden sie mitglied",
        "zitiervorschlag",
    ],
    pointers: &[
        "finden sie hier",
        "findest du hier",
        "ios und android",
        "weitere informationen unter",
        "weitere infos unter",
    ],
    credits: &[
        "abbildung",
        "aufmacherbild",
        "beitragsbild",
        "bild",
        "bilder",
        "bildnachweis",
        "bildquelle",
        "foto",
        "fotos",
        "headerbild",
        "symbolbild",
        "titelbild",
    ],
};

const FR: BoilerplateSet = BoilerplateSet {
    lang: "fr",
    labels: &["commentaires", "imprimer", "partager", "retour", "sommaire"],
    tail_heads: &[
        "commentaires",
        "laisser un commentaire",
        "sur le même sujet",
        "à propos de l auteur",
    ],
    related: &["lire aussi", "lire également", "voir aussi", "à lire aussi"],
    meta_keys: &["catégorie", "catégories", "mots clés"],
    phrases: &[
        "créez votre compte",
        "pour lire la suite",
        "tous droits réservés",
    ],
    pointers: &["plus d informations sur"],
    credits: &[
        "crédit",
        "crédit photo",
        "crédits",
        "crédits photos",
        "illustration",
        "photo",
    ],
};

const ES: BoilerplateSet = BoilerplateSet {
    lang: "es",
    labels: &[
        "comentarios",
        "compartir",
        "imprimir",
        "tus comentarios",
        "valora esta noticia",
        "volver",
    ],
    tail_heads: &[
        "comentarios",
        "deja un comentario",
        "sobre el autor",
        "tus comentarios",
    ],
    related: &[
        "le puede interesar",
        "lea también",
        "lee también",
        "te puede interesar",
    ],
    meta_keys: &["categoría", "etiquetas", "temas"],
    phrases: &[
        "hazte miembro",
        "suscríbete",
        "todos los derechos reservados",
    ],
    pointers: &["más información en"],
    credits: &[
        "crédito",
        "foto",
        "fotografía",
        "fotos",
        "imagen",
        "imágenes",
    ],
};

const PT: BoilerplateSet = BoilerplateSet {
    lang: "pt",
    labels: &["comentários", "compartilhar", "imprimir", "voltar"],
    tail_heads: &["comentários", "deixe um comentário", "sobre o autor"],
    related: &["leia mais", "leia também", "veja também"],
    meta_keys: &["categoria", "tags"],
    phrases: &["assine já", "todos os direitos reservados"],
    pointers: &["mais informações em"],
    credits: &["crédito", "foto", "fotos", "imagem"],
};

const IT: BoilerplateSet = BoilerplateSet {
    lang: "it",
    labels: &["commenti", "condividi", "stampa", "torna indietro"],
    tail_heads: &["commenti", "l autore", "lascia un commento"],
    related: &["leggi anche", "potrebbe interessarti"],
    meta_keys: &["argomenti", "categoria"],
    phrases: &[
        "abbonati ora",
        "riproduzione riservata",
        "tutti i diritti riservati",
    ],
    pointers: &["maggiori informazioni su"],
    credits: &["credit", "foto", "immagine"],
};

const NL: BoilerplateSet = BoilerplateSet {
    lang: "nl",
    labels: &["delen", "reacties", "terug"],
    tail_heads: &["over de auteur", "reacties", "reageer"],
    related: &["lees ook", "zie ook"],
    meta_keys: &["categorie", "tags"],
    phrases: &["alle rechten voorbehouden", "word abonnee"],
    pointers: &["meer informatie op"],
    credits: &["afbeelding", "beeld", "foto"],
};

const PL: BoilerplateSet = BoilerplateSet {
    lang: "pl",
    labels: &["drukuj", "komentarze", "reklama", "udostępnij"],
    tail_heads: &["komentarze", "o autorze"],
    related: &["czytaj także", "czytaj też", "zobacz także", "zobacz też"],
    meta_keys: &["kategoria", "tagi"],
    phrases: &[
        "materiał chroniony prawem autorskim",
        "ten tekst przeczytasz",
        "wszelkie prawa zastrzeżone",
    ],
    pointers: &["więcej informacji na"],
    credits: &["fot", "foto", "zdjęcie", "źródło zdjęcia"],
};

const RU: BoilerplateSet = BoilerplateSet {
    lang: "ru",
    labels: &["комментарии", "назад", "поделиться", "распечатать"],
    tail_heads: &["комментарии", "об авторе"],
    related: &["по теме", "читайте также"],
    meta_keys: &["метки", "рубрика", "теги"],
    phrases: &["все права защищены", "подписывайтесь на наш"],
    pointers: &["подробнее на сайте"],
    credits: &["иллюстрация", "фото"],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize_label;

    fn check(list: &[&str], what: &str) {
        for w in list.windows(2) {
            assert!(w[0] < w[1], "{what}: {:?} !< {:?}", w[0], w[1]);
        }
        for s in list {
            assert_eq!(normalize_label(s), *s, "{what}: {s:?} is not normalised");
            assert!(!s.is_empty(), "{what}: empty entry");
        }
    }

    #[test]
    fn tables_sorted_unique_normalised() {
        check(PICTURE_SOURCES, "picture sources");
        check(AUTHOR_BOX_TOKENS, "author box tokens");
        check(FOLLOW_WORDS, "follow words");
        check(SOCIAL_NETWORKS, "social networks");
        check(DATE_WORDS, "date words");
        let mut langs: Vec<&str> = LANGUAGES.iter().map(|s| s.lang).collect();
        langs.sort_unstable();
        langs.dedup();
        assert_eq!(langs.len(), LANGUAGES.len(), "a language is listed twice");
        for set in LANGUAGES {
            let l = set.lang;
            check(set.labels, &format!("{l} labels"));
            check(set.tail_heads, &format!("{l} tail heads"));
            check(set.related, &format!("{l} related"));
            check(set.meta_keys, &format!("{l} meta keys"));
            check(set.phrases, &format!("{l} phrases"));
            check(set.pointers, &format!("{l} pointers"));
            check(set.credits, &format!("{l} credits"));
            for list in [
                set.labels,
                set.tail_heads,
                set.related,
                set.meta_keys,
                set.phrases,
                set.pointers,
                set.credits,
            ] {
                assert!(!list.is_empty(), "{l}: a list is empty");
            }
        }
    }
}
