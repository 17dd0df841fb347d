//! Bengali (bn) clutter labels: whole texts of small blocks, each list
//! normalised by `crate::text::normalize_label`, sorted (byte order), unique.

use super::{labels, LabelSet};

pub const SET: LabelSet = LabelSet {
    lang: "bn",
    ad: labels!["বিজ্ঞাপন", "স্পনসরড", "স্পন্সরড"],
    trending: labels![
        "জনপ্রিয়",
        "ট্রেন্ডিং",
        "সবচেয়ে বেশি পঠিত",
        "সর্বাধিক পঠিত",
        "সর্বাধিক পঠিত খবর",
    ],
    quick_links: labels!["গুরুত্বপূর্ণ লিংক", "দ্রুত লিংক", "সকল বিভাগ", "সব বিভাগ", "সাইট ম্যাপ"],
    related: labels![
        "আরও খবর",
        "আরও দেখুন",
        "আরও পড়ুন",
        "আরো পড়ুন",
        "এই বিভাগের আরো খবর",
        "সংশ্লিষ্ট খবর",
        "সম্পর্কিত খবর",
        "সম্পর্কিত সংবাদ",
    ],
    social: labels![
        "আমাদের ফলো করুন",
        "ফলো করুন",
        "ফেসবুকে শেয়ার করুন",
        "লিংক কপি করুন",
        "শেয়ার করুন",
    ],
    promo: labels!["অ্যাপ ডাউনলোড করুন", "নিউজলেটার", "সাবস্ক্রাইব", "সাবস্ক্রাইব করুন"],
};
