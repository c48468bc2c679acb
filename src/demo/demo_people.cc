#include "demo/demo_people.h"

#include <cctype>
#include <stdexcept>
#include <vector>

namespace lumbung::demo {
namespace {

using C = NameCulture;

// DEMO DATA (see demo_people.h): approximate 2025 minimum wages, invented weights and mixes.
constexpr DemoProvince kProvinces[] = {
    {11,
     {"Banda Aceh", "Lhokseumawe", "Langsa", nullptr},
     15,
     10,
     3'685'000,
     18,
     5,
     {{{C::kMalay, 85}, {C::kJavanese, 10}, {C::kBatak, 5}}}},
    {12,
     {"Medan", "Binjai", "Pematangsiantar", "Deli Serdang"},
     50,
     45,
     2'993'000,
     25,
     8,
     {{{C::kBatak, 45}, {C::kJavanese, 25}, {C::kMalay, 20}, {C::kChineseIndonesian, 10}}}},
    {13,
     {"Padang", "Bukittinggi", "Payakumbuh", nullptr},
     15,
     12,
     2'994'000,
     12,
     7,
     {{{C::kMinang, 90}, {C::kJavanese, 5}, {C::kBatak, 5}}}},
    {14,
     {"Pekanbaru", "Dumai", "Siak", nullptr},
     25,
     20,
     3'509'000,
     10,
     2,
     {{{C::kMalay, 40}, {C::kJavanese, 25}, {C::kMinang, 20}, {C::kBatak, 15}}}},
    {15,
     {"Jambi", "Muara Bungo", "Sungai Penuh", nullptr},
     10,
     8,
     3'235'000,
     9,
     2,
     {{{C::kMalay, 55}, {C::kJavanese, 30}, {C::kMinang, 15}}}},
    {16,
     {"Palembang", "Prabumulih", "Lubuklinggau", nullptr},
     25,
     20,
     3'682'000,
     13,
     4,
     {{{C::kMalay, 65}, {C::kJavanese, 30}, {C::kChineseIndonesian, 5}}}},
    {17,
     {"Bengkulu", "Curup", "Manna", nullptr},
     5,
     4,
     2'670'000,
     9,
     1,
     {{{C::kMalay, 70}, {C::kJavanese, 20}, {C::kMinang, 10}}}},
    {18,
     {"Bandar Lampung", "Metro", "Kotabumi", nullptr},
     25,
     18,
     2'893'000,
     13,
     2,
     {{{C::kJavanese, 60}, {C::kMalay, 25}, {C::kSundanese, 15}}}},
    {19,
     {"Pangkalpinang", "Sungailiat", "Tanjung Pandan", nullptr},
     6,
     5,
     3'877'000,
     6,
     1,
     {{{C::kMalay, 75}, {C::kChineseIndonesian, 20}, {C::kJavanese, 5}}}},
    {21,
     {"Batam", "Tanjung Pinang", "Tanjung Balai Karimun", nullptr},
     25,
     25,
     3'624'000,
     5,
     2,
     {{{C::kMalay, 35},
       {C::kJavanese, 25},
       {C::kBatak, 15},
       {C::kChineseIndonesian, 15},
       {C::kMinang, 10}}}},
    {31,
     {"Jakarta Selatan", "Jakarta Pusat", "Jakarta Barat", "Jakarta Timur"},
     150,
     190,
     5'397'000,
     1,
     5,
     {{{C::kJavanese, 45},
       {C::kSundanese, 15},
       {C::kBatak, 12},
       {C::kChineseIndonesian, 12},
       {C::kMinang, 16}}}},
    {32,
     {"Bandung", "Bekasi", "Bogor", "Karawang"},
     200,
     170,
     2'191'000,
     18,
     9,
     {{{C::kSundanese, 70}, {C::kJavanese, 20}, {C::kBatak, 5}, {C::kChineseIndonesian, 5}}}},
    {33,
     {"Semarang", "Surakarta", "Kudus", "Pekalongan"},
     120,
     100,
     2'169'000,
     29,
     6,
     {{{C::kJavanese, 95}, {C::kChineseIndonesian, 5}}}},
    {34,
     {"Yogyakarta", "Sleman", "Bantul", nullptr},
     20,
     15,
     2'264'000,
     4,
     1,
     {{{C::kJavanese, 90}, {C::kSundanese, 5}, {C::kChineseIndonesian, 5}}}},
    {35,
     {"Surabaya", "Malang", "Sidoarjo", "Kediri"},
     170,
     150,
     2'306'000,
     29,
     9,
     {{{C::kJavanese, 90}, {C::kChineseIndonesian, 5}, {C::kMalay, 5}}}},
    {36,
     {"Tangerang", "Serang", "Cilegon", "Tangerang Selatan"},
     90,
     90,
     2'905'000,
     4,
     4,
     {{{C::kSundanese, 45},
       {C::kJavanese, 35},
       {C::kChineseIndonesian, 10},
       {C::kBatak, 5},
       {C::kMinang, 5}}}},
    {51,
     {"Denpasar", "Badung", "Gianyar", "Tabanan"},
     25,
     25,
     2'997'000,
     8,
     1,
     {{{C::kBalinese, 85}, {C::kJavanese, 15}}}},
    {52,
     {"Mataram", "Bima", "Sumbawa Besar", nullptr},
     12,
     8,
     2'603'000,
     8,
     2,
     {{{C::kMalay, 80}, {C::kBalinese, 10}, {C::kJavanese, 10}}}},
    {53,
     {"Kupang", "Maumere", "Ende", "Labuan Bajo"},
     10,
     6,
     2'329'000,
     21,
     1,
     {{{C::kEasternChristian, 90}, {C::kMalay, 10}}}},
    {61,
     {"Pontianak", "Singkawang", "Ketapang", nullptr},
     15,
     12,
     2'878'000,
     12,
     2,
     {{{C::kMalay, 45},
       {C::kChineseIndonesian, 20},
       {C::kEasternChristian, 20},
       {C::kJavanese, 15}}}},
    {62,
     {"Palangka Raya", "Sampit", "Pangkalan Bun", nullptr},
     10,
     8,
     3'474'000,
     13,
     1,
     {{{C::kMalay, 50}, {C::kJavanese, 30}, {C::kEasternChristian, 20}}}},
    {63,
     {"Banjarmasin", "Banjarbaru", "Kotabaru", nullptr},
     15,
     12,
     3'496'000,
     11,
     2,
     {{{C::kMalay, 75}, {C::kJavanese, 25}}}},
    {64,
     {"Samarinda", "Balikpapan", "Bontang", nullptr},
     25,
     25,
     3'579'000,
     7,
     3,
     {{{C::kJavanese, 35}, {C::kBugis, 25}, {C::kMalay, 25}, {C::kBatak, 10}, {C::kMinahasa, 5}}}},
    {65,
     {"Tanjung Selor", "Tarakan", "Nunukan", nullptr},
     4,
     3,
     3'580'000,
     4,
     1,
     {{{C::kBugis, 40}, {C::kMalay, 30}, {C::kJavanese, 20}, {C::kEasternChristian, 10}}}},
    {71,
     {"Manado", "Bitung", "Tomohon", nullptr},
     12,
     10,
     3'775'000,
     11,
     4,
     {{{C::kMinahasa, 80}, {C::kBugis, 10}, {C::kChineseIndonesian, 10}}}},
    {72,
     {"Palu", "Luwuk", "Poso", nullptr},
     10,
     7,
     2'915'000,
     12,
     1,
     {{{C::kBugis, 50}, {C::kMalay, 30}, {C::kEasternChristian, 20}}}},
    {73,
     {"Makassar", "Parepare", "Palopo", "Gowa"},
     35,
     30,
     3'658'000,
     21,
     3,
     {{{C::kBugis, 90}, {C::kEasternChristian, 10}}}},
    {74,
     {"Kendari", "Baubau", "Kolaka", nullptr},
     8,
     6,
     3'074'000,
     15,
     2,
     {{{C::kBugis, 70}, {C::kMalay, 20}, {C::kJavanese, 10}}}},
    {75,
     {"Gorontalo", "Limboto", "Marisa", nullptr},
     4,
     3,
     3'222'000,
     5,
     1,
     {{{C::kMalay, 80}, {C::kBugis, 20}}}},
    {76,
     {"Mamuju", "Majene", "Polewali", nullptr},
     3,
     2,
     3'104'000,
     6,
     1,
     {{{C::kBugis, 85}, {C::kEasternChristian, 15}}}},
    {81,
     {"Ambon", "Tual", "Masohi", nullptr},
     6,
     4,
     3'142'000,
     9,
     2,
     {{{C::kEasternChristian, 60}, {C::kMalay, 40}}}},
    {82,
     {"Ternate", "Tidore", "Sofifi", nullptr},
     4,
     3,
     3'408'000,
     8,
     2,
     {{{C::kMalay, 70}, {C::kEasternChristian, 30}}}},
    {91,
     {"Jayapura", "Biak", "Merauke", nullptr},
     8,
     6,
     4'286'000,
     28,
     1,
     {{{C::kPapuan, 60}, {C::kJavanese, 25}, {C::kBugis, 15}}}},
    {92,
     {"Manokwari", "Sorong", "Fakfak", nullptr},
     5,
     4,
     3'615'000,
     12,
     1,
     {{{C::kPapuan, 55}, {C::kJavanese, 25}, {C::kBugis, 20}}}},
};

// DEMO DATA: average yearly raise of provincial minimum wages into each year, in bp
// (2016: +11.5%, ...), used to derive earlier years from 2025.
struct YearRaise {
  int year;
  int bp;
};
constexpr YearRaise kRaises[] = {{2016, 1150}, {2017, 825}, {2018, 871}, {2019, 803}, {2020, 851},
                                 {2021, 100},  {2022, 109}, {2023, 750}, {2024, 360}, {2025, 650}};

constexpr DemoSector kSectors[] = {
    {"financial_services", RiskClass::kVeryLow, 6, {"Finansial", "Kapital", "Kredit"}},
    {"information_technology", RiskClass::kVeryLow, 5, {"Teknologi", "Digital", "Data"}},
    {"education", RiskClass::kVeryLow, 5, {"Pendidikan", "Edukasi", "Cendekia"}},
    {"retail_trade", RiskClass::kLow, 14, {"Swalayan", "Niaga", "Retailindo"}},
    {"hospitality", RiskClass::kLow, 8, {"Hotel", "Wisata", "Boga Rasa"}},
    {"health_care", RiskClass::kLow, 5, {"Medika", "Husada", "Farma"}},
    {"textile_garment", RiskClass::kMedium, 10, {"Tekstil", "Garmen", "Busana"}},
    {"food_manufacturing", RiskClass::kMedium, 10, {"Pangan", "Food Industri", "Boga"}},
    {"automotive_manufacturing", RiskClass::kMedium, 5, {"Otomotif", "Motor", "Komponen"}},
    {"logistics", RiskClass::kHigh, 8, {"Logistik", "Ekspres", "Transportasi"}},
    {"palm_oil_plantation", RiskClass::kHigh, 8, {"Agro", "Sawit", "Perkebunan"}},
    {"fisheries", RiskClass::kHigh, 3, {"Bahari", "Perikanan", "Mina"}},
    {"construction", RiskClass::kVeryHigh, 10, {"Konstruksi", "Bangun", "Beton"}},
    {"mining", RiskClass::kVeryHigh, 3, {"Tambang", "Mineral", "Batubara"}},
};

using Names = std::span<const char* const>;

constexpr const char* kJavaneseMale[] = {
    "Agus",  "Budi",  "Joko",   "Slamet", "Bambang", "Eko",      "Dwi",    "Heru",
    "Wahyu", "Teguh", "Sugeng", "Hadi",   "Bayu",    "Aditya",   "Dimas",  "Fajar",
    "Rizky", "Yusuf", "Arif",   "Anton",  "Hendro",  "Sutrisno", "Nanang", "Yoga",
    "Galih", "Rudi",  "Wawan",  "Bagus",  "Andika",  "Tri"};
constexpr const char* kJavaneseMaleSecond[] = {
    "Santoso", "Widodo",  "Prasetyo", "Nugroho",  "Setiawan", "Wibowo",    "Kurniawan",
    "Susanto", "Purnomo", "Saputro",  "Hidayat",  "Pratama",  "Wijayanto", "Riyadi",
    "Utomo",   "Hartono", "Sulistyo", "Haryanto", "Cahyono",  "Firmansyah"};
constexpr const char* kJavaneseFemale[] = {
    "Sri",   "Siti",  "Dewi",    "Endang", "Wulan", "Ratna", "Indah", "Ayu", "Putri", "Nur",
    "Fitri", "Retno", "Kartika", "Rini",   "Yuni",  "Tri",   "Dian",  "Ani", "Eka",   "Anisa"};
constexpr const char* kJavaneseFemaleSecond[] = {
    "Lestari",      "Rahayu",    "Wulandari",  "Handayani", "Susanti",  "Purwanti",
    "Setyaningsih", "Rahmawati", "Kusumawati", "Hartati",   "Utami",    "Pratiwi",
    "Astuti",       "Suryani",   "Wahyuni",    "Anggraini", "Maharani", "Ningsih"};

constexpr const char* kSundaneseMale[] = {"Asep", "Ujang",  "Dadang", "Cecep",  "Yayan",  "Dede",
                                          "Iwan", "Aang",   "Deden",  "Engkus", "Jajang", "Ade",
                                          "Rudi", "Hendra", "Irfan",  "Ilham"};
constexpr const char* kSundaneseMaleSecond[] = {
    "Sutisna", "Permana", "Hidayat", "Supriatna", "Kusnadi",  "Gunawan",    "Saepudin",
    "Ruhiyat", "Sopandi", "Suryana", "Rukmana",   "Somantri", "Firmansyah", "Kurniawan"};
constexpr const char* kSundaneseFemale[] = {"Euis",  "Neneng", "Imas",   "Yeni", "Cucu",
                                            "Enung", "Lilis",  "Nining", "Rina", "Nenden",
                                            "Tati",  "Dewi",   "Siti",   "Rika"};
constexpr const char* kSundaneseFemaleSecond[] = {"Nurhayati",  "Kurniasih", "Rostika",   "Mulyani",
                                                  "Komalasari", "Rahmawati", "Sukmawati", "Suryani",
                                                  "Herawati",   "Sundari"};

constexpr const char* kBatakMale[] = {"Togar",  "Parulian", "Hotman",   "Marulitua", "Samuel",
                                      "Daniel", "Roy",      "Benny",    "Maruli",    "Poltak",
                                      "Binsar", "Tigor",    "Fernando", "Rudolf",    "Jonathan"};
constexpr const char* kBatakFemale[] = {"Rosmawati", "Lasma",    "Dameria", "Tiurma", "Rotua",
                                        "Sarma",     "Hotmaida", "Lamtiur", "Debora", "Ruth",
                                        "Friska",    "Grace",    "Rina"};
constexpr const char* kBatakFamily[] = {
    "Simanjuntak", "Siregar",    "Nasution",   "Lubis",    "Harahap",    "Sitompul",
    "Simatupang",  "Hutapea",    "Pardede",    "Sinaga",   "Sihombing",  "Panjaitan",
    "Manurung",    "Situmorang", "Tambunan",   "Sianturi", "Hutagalung", "Ginting",
    "Tarigan",     "Sembiring",  "Napitupulu", "Silalahi"};

constexpr const char* kMinangMale[] = {"Rizal",    "Fauzi",     "Hendri", "Yulius", "Afrizal",
                                       "Zulkifli", "Syafrizal", "Irwan",  "Deni",   "Ferdi",
                                       "Yusrizal", "Rahmat",    "Edi"};
constexpr const char* kMinangMaleSecond[] = {"Chaniago", "Piliang",   "Tanjung", "Sikumbang",
                                             "Koto",     "Syahputra", "Malin",   "Sutan"};
constexpr const char* kMinangFemale[] = {"Yusnidar", "Nurhayati", "Elvi",    "Yenni",
                                         "Fitria",   "Rahmi",     "Yulia",   "Desi",
                                         "Vivi",     "Rosna",     "Ernawati"};
constexpr const char* kMinangFemaleSecond[] = {"Chaniago", "Piliang",   "Tanjung",
                                               "Koto",     "Rahmadani", "Yanti"};

constexpr const char* kMalayMale[] = {
    "Muhammad", "Ahmad", "Rahmat", "Hasan", "Syahrul", "Fadli", "Iskandar", "Zulkarnain", "Khairul",
    "Amir",     "Fikri", "Ridwan", "Husni", "Taufik",  "Azhar", "Mahmud",   "Nasrul"};
constexpr const char* kMalayMaleSecond[] = {"Syahputra", "Saputra", "Harun",    "Ibrahim", "Ismail",
                                            "Rahman",    "Hakim",   "Abdullah", "Hamzah",  "Yusuf",
                                            "Ramadhan",  "Maulana", "Effendi"};
constexpr const char* kMalayFemale[] = {"Nurul",   "Siti",      "Aisyah", "Fatimah", "Zainab",
                                        "Rahmah",  "Nurhaliza", "Dian",   "Mega",    "Melati",
                                        "Rosmini", "Juliana",   "Mariani"};
constexpr const char* kMalayFemaleSecond[] = {"Putri",     "Safitri", "Anggraini",
                                              "Rahmadani", "Yanti",   "Fitriani",
                                              "Maulida",   "Azizah",  "Hasanah"};

constexpr const char* kBugisMale[] = {
    "Muhammad", "Andi",  "Syamsul", "Baharuddin", "Hasanuddin", "Irfan", "Akbar",
    "Ilham",    "Rusdi", "Arifin",  "Nurdin",     "Jamaluddin", "Sukri", "Haris"};
constexpr const char* kBugisMaleSecond[] = {"Rahman", "Syamsuddin", "Makmur", "Amir",  "Basri",
                                            "Latif",  "Hamid",      "Rauf",   "Tahir", "Said"};
constexpr const char* kBugisFemale[] = {"Andi",    "Hasnah",   "Sitti",    "Rosdiana",
                                        "Hasmiah", "Nurhaeda", "Hasriani", "Musdalifah",
                                        "Nurul",   "Fatmawati"};
constexpr const char* kBugisFemaleSecond[] = {"Rahmawati", "Nurjannah", "Hasanah", "Syamsiah",
                                              "Ramlah",    "Suriani",   "Fitriani"};

constexpr const char* kBalinesePrefixMale[] = {"I Wayan", "I Made", "I Nyoman", "I Ketut",
                                               "I Gede",  "I Putu", "I Komang", "I Kadek"};
constexpr const char* kBalinesePrefixFemale[] = {"Ni Wayan", "Ni Made", "Ni Nyoman", "Ni Ketut",
                                                 "Ni Luh",   "Ni Putu", "Ni Komang", "Ni Kadek"};
constexpr const char* kBalineseMale[] = {"Sudarma",  "Artawan",  "Suardana", "Wirawan",
                                         "Sutrisna", "Mahendra", "Adnyana",  "Suparta",
                                         "Arimbawa", "Dharma",   "Wiguna",   "Astawa"};
constexpr const char* kBalineseFemale[] = {"Sri Wahyuni", "Ayu Lestari", "Sukarini", "Ariani",
                                           "Suartini",    "Puspita",     "Sriani",   "Wulandari",
                                           "Mertasari",   "Kusuma Dewi", "Ratna"};

constexpr const char* kMinahasaMale[] = {"Johanis", "Ferdinand", "Stevanus", "Hendrik",
                                         "Jefry",   "Alfrets",   "Marthen",  "Decky",
                                         "Roni",    "Jantje",    "Herry",    "Michael"};
constexpr const char* kMinahasaFemale[] = {"Meiske",    "Grace",  "Jeane",   "Olvie",
                                           "Christine", "Novita", "Stevani", "Yolanda",
                                           "Maria",     "Ivone",  "Lenny"};
constexpr const char* kMinahasaFamily[] = {
    "Sondakh", "Rumengan",  "Lumentut",  "Wowor",    "Tumbelaka",  "Mandagi", "Pangemanan",
    "Kaunang", "Rondonuwu", "Sumampouw", "Lengkong", "Walewangko", "Tumewu",  "Rumondor"};

constexpr const char* kChristianMale[] = {
    "Yohanes",   "Fransiskus", "Petrus",  "Markus",  "Stefanus", "Yosef",  "Agustinus",
    "Hendrikus", "Frans",      "Maximus", "Yakobus", "Aloysius", "Paulus", "Simon"};
constexpr const char* kChristianFemale[] = {"Maria",     "Yuliana",    "Theresia",  "Agustina",
                                            "Elisabeth", "Margaretha", "Veronika",  "Fransiska",
                                            "Katarina",  "Christina",  "Magdalena", "Yosefina"};
constexpr const char* kEasternFamily[] = {"Pattinama", "Siahaya",      "Tuhumury", "Pattiasina",
                                          "Matulessy", "Leiwakabessy", "Nenobais", "Tefa",
                                          "Seran",     "Kase",         "Pello",    "Bana",
                                          "Ndun",      "Manafe",       "Koten",    "Lewerissa"};
constexpr const char* kPapuanFamily[] = {"Wenda",    "Kogoya",   "Rumbiak", "Mandowen", "Yoku",
                                         "Wonda",    "Rumbewas", "Waromi",  "Kambu",    "Wanggai",
                                         "Karubaba", "Mansoben", "Ayomi",   "Tabuni"};

constexpr const char* kChineseMale[] = {"Kevin",    "Steven",  "Michael", "William",
                                        "Felix",    "Hendra",  "Budi",    "Andreas",
                                        "Jonathan", "Hartono", "Sutanto", "Edward"};
constexpr const char* kChineseFemale[] = {"Jessica", "Cynthia", "Jennifer", "Vanessa", "Michelle",
                                          "Lydia",   "Melinda", "Stefanie", "Linda",   "Fenny"};
constexpr const char* kChineseFamily[] = {"Wijaya",    "Tanoto",   "Halim",    "Santoso", "Gunawan",
                                          "Salim",     "Tanjaya",  "Sugianto", "Lim",     "Tan",
                                          "Kurniawan", "Hartanto", "Setiadi",  "Tjandra"};

// How a culture builds a name: [prefix] given [second given] [second name or family name].
struct CulturePool {
  Names male_given, female_given;
  Names male_second, female_second;  // for cultures without inherited family names
  Names family;                      // inherited family name (always used when present)
  int second_per_mille;              // chance of a second name (when no family name)
  Names male_prefix, female_prefix;  // Balinese birth-order names
};

CulturePool PoolFor(NameCulture culture) {
  switch (culture) {
    case C::kJavanese:
      return {kJavaneseMale,
              kJavaneseFemale,
              kJavaneseMaleSecond,
              kJavaneseFemaleSecond,
              {},
              750,
              {},
              {}};
    case C::kSundanese:
      return {kSundaneseMale,
              kSundaneseFemale,
              kSundaneseMaleSecond,
              kSundaneseFemaleSecond,
              {},
              800,
              {},
              {}};
    case C::kBatak:
      return {kBatakMale, kBatakFemale, {}, {}, kBatakFamily, 0, {}, {}};
    case C::kMinang:
      return {kMinangMale, kMinangFemale, kMinangMaleSecond, kMinangFemaleSecond, {}, 650, {}, {}};
    case C::kMalay:
      return {kMalayMale, kMalayFemale, kMalayMaleSecond, kMalayFemaleSecond, {}, 700, {}, {}};
    case C::kBugis:
      return {kBugisMale, kBugisFemale, kBugisMaleSecond, kBugisFemaleSecond, {}, 750, {}, {}};
    case C::kBalinese:
      return {kBalineseMale,       kBalineseFemale,      {}, {}, {}, 0,
              kBalinesePrefixMale, kBalinesePrefixFemale};
    case C::kMinahasa:
      return {kMinahasaMale, kMinahasaFemale, {}, {}, kMinahasaFamily, 0, {}, {}};
    case C::kEasternChristian:
      return {kChristianMale, kChristianFemale, {}, {}, kEasternFamily, 0, {}, {}};
    case C::kPapuan:
      return {kChristianMale, kChristianFemale, {}, {}, kPapuanFamily, 0, {}, {}};
    case C::kChineseIndonesian:
      return {kChineseMale, kChineseFemale, {}, {}, kChineseFamily, 0, {}, {}};
  }
  throw std::logic_error("unknown name culture");
}

constexpr const char* kStreets[] = {
    "Merdeka",    "Sudirman",    "Diponegoro",  "Gatot Subroto", "Ahmad Yani",
    "Pahlawan",   "Melati",      "Mawar",       "Kenanga",       "Cempaka",
    "Anggrek",    "Flamboyan",   "Veteran",     "Pemuda",        "Imam Bonjol",
    "Gajah Mada", "Hayam Wuruk", "Kartini",     "Teuku Umar",    "Pattimura",
    "Hasanuddin", "Dr. Sutomo",  "Cendrawasih", "Kamboja",       "Sisingamangaraja"};

// Mobile operator prefixes after the leading 08.
constexpr const char* kPhonePrefixes[] = {
    "11", "12", "13", "21", "22", "23", "51", "52", "53", "14", "15", "16", "55", "56", "57",
    "58", "17", "18", "19", "59", "77", "78", "81", "82", "83", "95", "96", "97", "98", "99"};

constexpr const char* kEmailDomains[] = {"example.com", "example.net", "example.org"};

constexpr const char* kNameWords[] = {
    "Sinar",     "Jaya",      "Maju",     "Abadi",  "Sentosa",  "Makmur", "Karya", "Mandiri",
    "Nusantara", "Sejahtera", "Bumi",     "Cahaya", "Mitra",    "Prima",  "Utama", "Perkasa",
    "Gemilang",  "Lestari",   "Mulia",    "Sukses", "Harapan",  "Indah",  "Agung", "Bersama",
    "Samudra",   "Garuda",    "Rajawali", "Putra",  "Anugerah", "Berkah"};

template <std::size_t N>
Names AsNames(const char* const (&array)[N]) {
  return Names(array, N);
}

}  // namespace

std::span<const DemoProvince> DemoProvinces() {
  return kProvinces;
}

const DemoProvince& DemoProvinceByCode(int code) {
  for (const DemoProvince& p : kProvinces) {
    if (p.code == code) return p;
  }
  throw std::out_of_range("no demo data for province " + std::to_string(code));
}

std::span<const DemoSector> DemoSectors() {
  return kSectors;
}

Rupiah DemoMinimumWage(int province_code, int year) {
  // Integer arithmetic throughout, so every platform gets the same figures.
  Rupiah wage = DemoProvinceByCode(province_code).minimum_wage_2025;
  for (int y = 2025; y > year; --y) {
    int bp = 800;
    for (const YearRaise& raise : kRaises) {
      if (raise.year == y) bp = raise.bp;
    }
    wage = wage * 10000 / (10000 + bp);
  }
  for (int y = 2026; y <= year; ++y) wage = wage * 10500 / 10000;
  return (wage + 500) / 1000 * 1000;
}

NameCulture DemoCultureFor(DemoRandom& random, const DemoProvince& province) {
  std::array<int, 5> weights{};
  for (std::size_t i = 0; i < province.cultures.size(); ++i)
    weights[i] = province.cultures[i].weight;
  return province.cultures[random.Weighted(weights)].culture;
}

std::string DemoFullName(DemoRandom& random, NameCulture culture, Sex sex) {
  const CulturePool pool = PoolFor(culture);
  const bool male = sex == Sex::kMale;
  std::string name;
  const Names prefix = male ? pool.male_prefix : pool.female_prefix;
  if (!prefix.empty()) {
    name = random.Pick(prefix);
    name += ' ';
  }
  const Names given = male ? pool.male_given : pool.female_given;
  const std::string first = random.Pick(given);
  name += first;
  // Some people carry two given names ("Muhammad Rizky").
  if (prefix.empty() && random.Chance(220)) {
    const std::string second = random.Pick(given);
    if (second != first) name += " " + second;
  }
  if (!pool.family.empty()) {
    name += " ";
    name += random.Pick(pool.family);
  } else {
    const Names second = male ? pool.male_second : pool.female_second;
    if (!second.empty() && random.Chance(pool.second_per_mille)) {
      name += " ";
      name += random.Pick(second);
    }
  }
  return name;
}

std::string DemoAddress(DemoRandom& random, const DemoProvince& province) {
  std::size_t cities = 0;
  while (cities < province.cities.size() && province.cities[cities] != nullptr) ++cities;
  char text[160];
  std::snprintf(text, sizeof text, "Jl. %s No. %d, RT %03d/RW %03d, %s",
                random.Pick(AsNames(kStreets)), static_cast<int>(random.Between(1, 199)),
                static_cast<int>(random.Between(1, 15)), static_cast<int>(random.Between(1, 10)),
                province.cities[random.Below(cities)]);
  return text;
}

std::string DemoPhone(DemoRandom& random) {
  std::string phone = "08";
  phone += random.Pick(AsNames(kPhonePrefixes));
  const int digits = static_cast<int>(random.Between(6, 9));  // 10-13 digits in all
  for (int i = 0; i < digits; ++i) phone += static_cast<char>('0' + random.Below(10));
  return phone;
}

std::optional<std::string> DemoEmail(DemoRandom& random, std::string_view full_name) {
  if (random.Chance(300)) return std::nullopt;
  std::vector<std::string> words;
  std::string word;
  for (char c : full_name) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  // Drop Balinese "i"/"ni" and other one- or two-letter words.
  std::erase_if(words, [](const std::string& w) { return w.size() < 3; });
  if (words.empty()) words.push_back("anggota");
  std::string local = words.front();
  if (words.size() > 1) local += (random.Chance(500) ? "." : "") + words.back();
  if (random.Chance(600)) local += std::to_string(random.Between(1, 99));
  return local + "@" + random.Pick(AsNames(kEmailDomains));
}

std::string DemoEmployerName(DemoRandom& random, const DemoSector& sector) {
  static constexpr int kFormWeights[] = {80, 15, 5};
  static constexpr const char* kForms[] = {"PT", "CV", "Koperasi"};
  std::string name = kForms[random.Weighted(kFormWeights)];
  const char* first = random.Pick(AsNames(kNameWords));
  const char* second = random.Pick(AsNames(kNameWords));
  name += std::string(" ") + first;
  if (std::string_view(second) != first) name += std::string(" ") + second;
  name += std::string(" ") + sector.name_words[random.Below(sector.name_words.size())];
  return name;
}

}  // namespace lumbung::demo
