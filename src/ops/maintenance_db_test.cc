#include <gtest/gtest.h>
#include <soci/soci.h>

#include <stdexcept>
#include <string>

#include "ops/maintenance.h"
#include "support/test_databases.h"

namespace lumbung::ops {
namespace {

class MaintenanceDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    ApplyMigrations({"src/ops/migrations"});
  }
};

TEST_P(MaintenanceDbTest, OffUntilSwitchedOn) {
  EXPECT_EQ(ReadMaintenance(db()), MaintenanceState{});
}

TEST_P(MaintenanceDbTest, StoresTheSwitchTheEndAndTheMessages) {
  const MaintenanceState on{.on = true,
                            .until_epoch_seconds = 1796000000,
                            .message_id = "Kami memperbarui sistem.",
                            .message_en = "We are updating the system."};
  WriteMaintenance(db(), on);
  EXPECT_EQ(ReadMaintenance(db()), on);

  // Written again without messages (as `lumbung maintenance on` does): none are left.
  WriteMaintenance(db(), {.on = true});
  EXPECT_EQ(ReadMaintenance(db()), MaintenanceState{.on = true});

  // Switching off clears what belonged to this maintenance.
  WriteMaintenance(db(), on);
  WriteMaintenance(db(), {.on = false, .message_id = "kept?"});
  EXPECT_EQ(ReadMaintenance(db()), MaintenanceState{});
  auto lease = db().Acquire();
  long long rows = 0;
  lease.session() << "SELECT COUNT(*) FROM app_settings WHERE name LIKE 'maintenance.%'",
      soci::into(rows);
  EXPECT_EQ(rows, 0);
}

TEST_P(MaintenanceDbTest, WritesInTheCallersTransaction) {
  auto lease = db().Acquire();
  {
    soci::transaction tx(lease.session());
    WriteMaintenance(lease.session(), {.on = true, .message_en = "Soon back"});
    tx.rollback();
  }
  EXPECT_EQ(ReadMaintenance(lease.session()), MaintenanceState{});
  {
    soci::transaction tx(lease.session());
    WriteMaintenance(lease.session(), {.on = true, .message_en = "Soon back"});
    tx.commit();
  }
  EXPECT_EQ(ReadMaintenance(lease.session()),
            (MaintenanceState{.on = true, .message_en = "Soon back"}));
}

TEST_P(MaintenanceDbTest, RefusesAMessageTooLong) {
  std::string long_message(kMaxMaintenanceMessageChars, 'a');
  WriteMaintenance(db(), {.on = true, .message_id = long_message});  // exactly the limit
  // 300 four-byte characters fit too (the column counts characters on PostgreSQL).
  std::string wide;
  for (std::size_t i = 0; i < kMaxMaintenanceMessageChars; ++i) wide += "\xF0\x9F\x99\x82";
  WriteMaintenance(db(), {.on = true, .message_en = wide});
  EXPECT_TRUE(ReadMaintenance(db()).message_en == wide);
  EXPECT_THROW(WriteMaintenance(db(), {.on = true, .message_id = long_message + "a"}),
               std::invalid_argument);
  EXPECT_TRUE(ReadMaintenance(db()).message_en == wide) << "a refused write changes nothing";
}

LUMBUNG_INSTANTIATE_DB_TESTS(MaintenanceDbTest);

}  // namespace
}  // namespace lumbung::ops
