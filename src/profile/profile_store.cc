#include "profile/profile_store.h"

#include <soci/soci.h>

#include <set>

namespace lumbung::profile {

std::optional<RegistryProfile> LoadRegistryProfile(soci::session& sql, std::int64_t member_id) {
  RegistryProfile p;
  long long member = member_id;
  std::string phone;
  soci::indicator phone_ind = soci::i_null;
  sql << "SELECT kpj, nik, full_name, CAST(birth_date AS TEXT), sex, address, province_code, "
         "phone, marital_status, CAST(registered_on AS TEXT), status FROM members WHERE id = :m",
      soci::into(p.kpj), soci::into(p.nik), soci::into(p.full_name), soci::into(p.birth_date),
      soci::into(p.sex), soci::into(p.address), soci::into(p.province_code),
      soci::into(phone, phone_ind), soci::into(p.marital_status), soci::into(p.registered_on),
      soci::into(p.status), soci::use(member);
  if (!sql.got_data()) return std::nullopt;
  if (phone_ind == soci::i_ok && !phone.empty()) p.phone = phone;
  p.birth_date = p.birth_date.substr(0, 10);
  p.registered_on = p.registered_on.substr(0, 10);
  return p;
}

void UpdateContact(soci::session& sql, std::int64_t member_id, const Contact& contact) {
  long long member = member_id;
  std::string phone = contact.phone.value_or("");
  soci::indicator phone_ind = contact.phone ? soci::i_ok : soci::i_null;
  sql << "UPDATE members SET address = :a, phone = :p, marital_status = :s WHERE id = :m",
      soci::use(contact.address), soci::use(phone, phone_ind), soci::use(contact.marital_status),
      soci::use(member);
}

std::optional<AccountAddress> LoadAccountAddress(soci::session& sql, std::int64_t account_id) {
  AccountAddress a;
  long long account = account_id;
  sql << "SELECT email, lang, display_name FROM accounts WHERE id = :a", soci::into(a.email),
      soci::into(a.lang), soci::into(a.display_name), soci::use(account);
  if (!sql.got_data()) return std::nullopt;
  return a;
}

std::optional<BankAccount> LoadBankAccount(soci::session& sql, std::int64_t member_id) {
  BankAccount b;
  long long member = member_id, updated_at = 0;
  int mismatch = 0;
  std::string fingerprint;
  soci::indicator fingerprint_ind = soci::i_null;
  sql << "SELECT bank_code, account_sealed, account_last4, holder_name, updated_at, "
         "holder_mismatch, account_fingerprint FROM profile_bank_accounts WHERE member_id = :m",
      soci::into(b.bank_code), soci::into(b.account_sealed), soci::into(b.account_last4),
      soci::into(b.holder_name), soci::into(updated_at), soci::into(mismatch),
      soci::into(fingerprint, fingerprint_ind), soci::use(member);
  if (!sql.got_data()) return std::nullopt;
  b.updated_at = updated_at;
  b.holder_mismatch = mismatch != 0;
  if (fingerprint_ind == soci::i_ok) b.account_fingerprint = fingerprint;
  return b;
}

void SaveBankAccount(soci::session& sql, std::int64_t member_id, const BankAccount& account) {
  long long member = member_id, updated_at = account.updated_at;
  int mismatch = account.holder_mismatch ? 1 : 0;
  soci::indicator fingerprint_ind = account.account_fingerprint.empty() ? soci::i_null : soci::i_ok;
  // ON CONFLICT ... DO UPDATE: PostgreSQL 9.5+ and SQLite 3.24+ spell it the same.
  sql << "INSERT INTO profile_bank_accounts (member_id, bank_code, account_sealed, "
         "account_last4, holder_name, updated_at, holder_mismatch, account_fingerprint) "
         "VALUES (:m, :b, :s, :l, :h, :u, :x, :f) "
         "ON CONFLICT (member_id) DO UPDATE SET bank_code = excluded.bank_code, "
         "account_sealed = excluded.account_sealed, account_last4 = excluded.account_last4, "
         "holder_name = excluded.holder_name, updated_at = excluded.updated_at, "
         "holder_mismatch = excluded.holder_mismatch, "
         "account_fingerprint = excluded.account_fingerprint",
      soci::use(member), soci::use(account.bank_code), soci::use(account.account_sealed),
      soci::use(account.account_last4), soci::use(account.holder_name), soci::use(updated_at),
      soci::use(mismatch), soci::use(account.account_fingerprint, fingerprint_ind);
}

std::vector<Beneficiary> LoadBeneficiaries(soci::session& sql, std::int64_t member_id) {
  std::vector<Beneficiary> out;
  Beneficiary b;
  long long member = member_id, id = 0;
  soci::statement st =
      (sql.prepare << "SELECT id, full_name, relation, nik, share_percent "
                      "FROM profile_beneficiaries WHERE member_id = :m ORDER BY id",
       soci::into(id), soci::into(b.full_name), soci::into(b.relation), soci::into(b.nik),
       soci::into(b.share_percent), soci::use(member));
  st.execute();
  while (st.fetch()) {
    b.id = id;
    out.push_back(b);
  }
  return out;
}

bool ReplaceBeneficiaries(soci::session& sql, std::int64_t member_id,
                          const std::vector<Beneficiary>& list, std::int64_t now) {
  std::set<std::int64_t> stored;
  for (const auto& b : LoadBeneficiaries(sql, member_id)) stored.insert(b.id);
  std::set<std::int64_t> kept;
  for (const auto& b : list) {
    if (b.id == 0) continue;
    if (!stored.count(b.id) || !kept.insert(b.id).second) return false;
  }
  long long member = member_id, at = now;
  // One statement per row, each executed once with its own bound values.
  for (std::int64_t id : stored) {
    if (kept.count(id)) continue;
    long long row = id;
    sql << "DELETE FROM profile_beneficiaries WHERE id = :i AND member_id = :m", soci::use(row),
        soci::use(member);
  }
  for (const auto& b : list) {
    if (b.id != 0) {
      long long row = b.id;
      sql << "UPDATE profile_beneficiaries SET full_name = :n, relation = :r, nik = :k, "
             "share_percent = :s, updated_at = :u WHERE id = :i AND member_id = :m",
          soci::use(b.full_name), soci::use(b.relation), soci::use(b.nik),
          soci::use(b.share_percent), soci::use(at), soci::use(row), soci::use(member);
    } else {
      sql << "INSERT INTO profile_beneficiaries (member_id, full_name, relation, nik, "
             "share_percent, created_at, updated_at) VALUES (:m, :n, :r, :k, :s, :c, :u)",
          soci::use(member), soci::use(b.full_name), soci::use(b.relation), soci::use(b.nik),
          soci::use(b.share_percent), soci::use(at), soci::use(at);
    }
  }
  return true;
}

}  // namespace lumbung::profile
