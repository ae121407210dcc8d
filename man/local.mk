# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Manual pages, written in mdoc(7). Each function a section-3 page documents
# (the .Nm names of its NAME section) is installed as a one-line page
# ".so man3/PAGE.3", so that `man tro_release_free` opens tro_scan(3);
# man/mlinks.sh lists them.
TRO_MAN3_PAGES = \
	man/libtrulyopen.3 \
	man/tro_ctx_new.3 \
	man/tro_scan.3 \
	man/tro_release_manifest.3 \
	man/tro_license_classify.3 \
	man/tro_check.3 \
	man/tro_report_evidence.3 \
	man/tro_report_license.3 \
	man/tro_report_finding.3 \
	man/tro_report_lineage.3 \
	man/tro_report_mof.3 \
	man/tro_report_render.3 \
	man/tro_report_cell.3 \
	man/tro_hub_new.3 \
	man/tro_attest_sign.3 \
	man/tro_batch_new.3
dist_man_MANS += \
	man/trulyopen.1 \
	$(TRO_MAN3_PAGES) \
	man/trulyopen-policy.5 \
	man/trulyopen-report.5 \
	man/trulyopen-criteria.7
EXTRA_DIST += man/mlinks.sh

tro_man_links = pages=; for p in $(TRO_MAN3_PAGES); do pages="$$pages $(srcdir)/$$p"; done; \
	$(SHELL) $(srcdir)/man/mlinks.sh $$pages

install-data-local: install-man-links
uninstall-local: uninstall-man-links

install-man-links:
	@$(NORMAL_INSTALL)
	$(MKDIR_P) '$(DESTDIR)$(man3dir)'
	@$(tro_man_links) >man-links.tmp || exit 1; \
	n=0; while read page link; do \
	  echo ".so man3/$$page" >man-link.tmp || exit 1; \
	  $(INSTALL_DATA) man-link.tmp '$(DESTDIR)$(man3dir)/'"$$link" || exit 1; \
	  n=$$((n + 1)); \
	done <man-links.tmp; \
	rm -f man-links.tmp man-link.tmp; \
	echo " installed $$n links to section-3 pages in $(DESTDIR)$(man3dir)"

uninstall-man-links:
	@$(NORMAL_UNINSTALL)
	@$(tro_man_links) | while read page link; do \
	  rm -f '$(DESTDIR)$(man3dir)/'"$$link"; \
	done

.PHONY: install-man-links uninstall-man-links
