# The Hugging Face Hub client (scan level: it fetches what the readers read).
trulyopeninclude_HEADERS += include/trulyopen/hub.h
libtrulyopen_impl_la_SOURCES += \
	lib/hub/hub.h \
	lib/hub/ref.c \
	lib/hub/link.c \
	lib/hub/api.c \
	lib/hub/cache.c \
	lib/hub/remote.c \
	lib/hub/zipplan.c \
	lib/hub/fetch.c \
	lib/hub/open.c \
	lib/hub/readfile.c \
	lib/hub/resolve.c \
	lib/hub/revision.c \
	lib/hub/hub.c
if TRO_HAVE_CURL
libtrulyopen_impl_la_SOURCES += lib/hub/http.c lib/hub/http_xfer.c lib/hub/http_priv.h
else
libtrulyopen_impl_la_SOURCES += lib/hub/http_none.c
endif
