# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Batch checks: many releases through one catalog and policy, in parallel.
# Above the report writers: a batch scans, judges and renders.
trulyopeninclude_HEADERS += include/trulyopen/batch.h
libtrulyopen_impl_la_SOURCES += lib/batch/batch.c
