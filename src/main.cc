#include "app/cli.h"

int main(int argc, char** argv) {
  return lumbung::app::RunCli(argc, argv);
}
