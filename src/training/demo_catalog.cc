// The demo catalog (routes.h SeedDemo): what a member of the demo registry finds at /training.
#include <soci/soci.h>

#include <chrono>

#include "training/catalog.h"
#include "training/routes.h"
#include "training/training_store.h"

namespace lumbung::training {
namespace {

struct DemoProgramme {
  int provider;  // 0 or 1
  const char* title;
  const char* field;
  const char* mode;
  int province;
  const char* city;
  const char* description;
  int hours, min_age, max_age;
  bool active, jkp_first;
  const char* education;
  std::int64_t cost;
  int quota;
  int starts_in_days;
};

constexpr DemoProgramme kProgrammes[] = {
    {0, "Dasar Pemrograman Web", "digital", "online", 0, "",
     "HTML, CSS dan dasar JavaScript untuk pemula, dengan proyek akhir.", 60, 18, 45, true, true,
     "sma", 0, 30, 14},
    {0, "Pemasaran Digital untuk UMKM", "business", "online", 0, "",
     "Media sosial, toko daring dan iklan berbayar untuk usaha kecil.", 24, 18, 0, false, false, "",
     250000, 40, 21},
    {0, "Bahasa Inggris untuk Perhotelan", "language", "in_person", 51, "Denpasar",
     "Percakapan sehari-hari dengan tamu hotel dan restoran.", 40, 18, 40, true, false, "smp", 0,
     20, 10},
    {0, "Pramusaji dan Tata Boga", "hospitality", "in_person", 31, "Jakarta Timur",
     "Pelayanan restoran, kebersihan dan keamanan pangan.", 80, 18, 35, true, true, "smp", 0, 25,
     28},
    {1, "Operator Mesin CNC", "manufacturing", "in_person", 32, "Bekasi",
     "Membaca gambar teknik, pemrograman dasar dan perawatan mesin CNC.", 120, 18, 40, true, true,
     "sma", 0, 16, 18},
    {1, "Teknik Las SMAW", "construction", "in_person", 35, "Surabaya",
     "Pengelasan busur listrik sampai uji kompetensi tingkat dasar.", 160, 18, 45, true, true,
     "smp", 0, 12, 25},
    {1, "Pertanian Hidroponik", "agriculture", "in_person", 34, "Sleman",
     "Menanam sayur hidroponik dan menghitung biaya usahanya.", 32, 0, 0, false, false, "", 150000,
     20, 12},
    {1, "Perawat Lansia (Caregiver)", "care", "online", 0, "",
     "Merawat lansia di rumah: kebersihan, gizi, obat dan pertolongan pertama.", 48, 20, 45, true,
     true, "sma", 0, 30, 30},
};

}  // namespace

int SeedDemo(soci::session& sql, const std::string& today, std::int64_t now) {
  long long existing = 0;
  sql << "SELECT COUNT(*) FROM training_programmes", soci::into(existing);
  if (existing > 0) return 0;
  const std::int64_t providers[] = {AddProvider(sql, "Balai Latihan Kerja Digital Nusantara", now),
                                    AddProvider(sql, "Lembaga Pelatihan Teknik Mandiri", now)};
  const auto start = ParseDay(today).value_or(std::chrono::year_month_day{
      std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{1}});
  auto day = [&start](int offset) {
    return IsoDay(
        std::chrono::year_month_day{std::chrono::sys_days{start} + std::chrono::days{offset}});
  };
  int made = 0;
  bool almost_full = false;
  for (const auto& d : kProgrammes) {
    Programme p;
    p.provider_id = providers[d.provider];
    p.title = d.title;
    p.field = d.field;
    p.mode = d.mode;
    p.province_code = d.province;
    p.city = d.city;
    p.description = d.description;
    p.duration_hours = d.hours;
    p.requirements = {d.min_age, d.max_age, d.active, d.education, d.jkp_first};
    p.cost_rupiah = d.cost;
    const std::int64_t id = CreateProgramme(sql, p, now);
    // Two sessions each: the first soon, the second a month and a half later.
    for (int i = 0; i < 2; ++i) {
      Session s;
      s.programme_id = id;
      s.starts_on = day(d.starts_in_days + i * 45);
      s.ends_on = day(d.starts_in_days + i * 45 + std::max(0, d.hours / 8 - 1));
      s.schedule = d.hours >= 80 ? "Senin-Jumat 08.00-16.00" : "Senin, Rabu, Jumat 09.00-12.00";
      s.quota = d.quota;
      const auto session_id = CreateSession(sql, p.provider_id, s, now);
      if (!almost_full && session_id) {
        // One place left in the first session of the first programme.
        long long sid = *session_id, taken = d.quota - 1;
        sql << "UPDATE training_sessions SET taken = :t WHERE id = :id", soci::use(taken),
            soci::use(sid);
        almost_full = true;
      }
    }
    ++made;
  }
  return made;
}

}  // namespace lumbung::training
