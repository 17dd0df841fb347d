//! Indonesian (id) clutter labels: whole texts of small blocks, each list
//! normalised by `crate::text::normalize_label`, sorted (byte order), unique.

use super::{labels, LabelSet};

pub const SET: LabelSet = LabelSet {
    lang: "id",
    ad: labels![
        "artikel bersponsor",
        "disponsori",
        "iklan",
        "konten bersponsor",
        "konten sponsor",
    ],
    trending: labels![
        "berita terkini",
        "berita terpopuler",
        "paling banyak dibaca",
        "paling populer",
        "populer",
        "terpopuler",
        "terpopuler hari ini",
    ],
    quick_links: labels![
        "lompat ke konten",
        "menu utama",
        "peta situs",
        "semua kanal",
        "tautan cepat",
    ],
    related: labels![
        "artikel lainnya",
        "artikel terkait",
        "baca juga",
        "baca selengkapnya",
        "berita lainnya",
        "berita terkait",
        "jangan lewatkan",
        "lihat juga",
        "mungkin anda suka",
        "pilihan untuk anda",
        "rekomendasi untuk anda",
        "selengkapnya",
        "simak juga",
        "terkait",
    ],
    social: labels![
        "bagikan",
        "bagikan artikel",
        "bagikan artikel ini",
        "bagikan ke facebook",
        "ikuti kami",
        "ikuti kami di",
        "salin link",
        "salin tautan",
    ],
    promo: labels![
        "berlangganan",
        "berlangganan sekarang",
        "download aplikasi",
        "kami menggunakan cookie",
        "terima cookie",
        "terima semua",
        "unduh aplikasi",
    ],
};
