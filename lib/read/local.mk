libtrulyopen_impl_la_SOURCES += \
	lib/read/readers.h \
	lib/read/readers.c \
	lib/read/text.h \
	lib/read/text.c \
	lib/read/yaml.h \
	lib/read/yaml.c \
	lib/read/yaml_scalar.c \
	lib/read/yaml_marks.c \
	lib/read/yaml_libyaml.c \
	lib/read/yaml_event.h \
	lib/read/yaml_fast.h \
	lib/read/yaml_fast.c \
	lib/read/yaml_fast_scalar.c \
	lib/read/card.h \
	lib/read/card.c \
	lib/read/card_md.c \
	lib/read/card_inline.c \
	lib/read/card_links.c \
	lib/read/mof.h \
	lib/read/mof_table.c \
	lib/read/mof.c \
	lib/read/license_file.c
