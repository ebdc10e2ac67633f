#!/usr/bin/env bash
# Dependencies point down (ARCHITECTURE.md "Layers"): nothing in models/ or flash_models/ includes
# or links rom_sim/ or tools/, and nothing in rom_sim/ includes or links tools/. Prints every
# offending line and exits 1.
set -u
cd "$1" || exit 2
rom='xipsim/(image|boot|host|nor_driver|scenario|serial)/'
bad=0
hits=$(grep -rnE "#include \"($rom|.*_writers\.h|flash_facts\.h)" models flash_models)
if [ -n "$hits" ]; then echo "models/flash_models include rom_sim or tools:"; echo "$hits"; bad=1; fi
hits=$(grep -rnE 'xipsim_(image|boot|host|nor_driver|scenario|serial|reports|boot_reports)\b' \
  models/*/CMakeLists.txt flash_models/CMakeLists.txt)
if [ -n "$hits" ]; then echo "models/flash_models link rom_sim or tools:"; echo "$hits"; bad=1; fi
hits=$(grep -rnE '#include "(inspect_writers|boot_writers|run_writers|json_style|flash_facts|commands|board_args|host_port)\.h"' rom_sim)
if [ -n "$hits" ]; then echo "rom_sim includes tools:"; echo "$hits"; bad=1; fi
hits=$(grep -rnE 'xipsim_(reports|boot_reports)\b' rom_sim/*/CMakeLists.txt)
if [ -n "$hits" ]; then echo "rom_sim links tools:"; echo "$hits"; bad=1; fi
[ $bad = 0 ] && echo "layers: every dependency points down"
exit $bad
