# xipsim_warnings: the warning set every project target builds with.
add_library(xipsim_warnings INTERFACE)
target_compile_options(xipsim_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                 -Wno-missing-field-initializers)
