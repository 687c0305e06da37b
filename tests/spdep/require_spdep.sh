# Sourced by the spdep parity scripts: exits 77 (skip), saying why, when Rscript or the R
# packages spdep and sf are not installed.
if ! command -v Rscript >/dev/null 2>&1; then
    echo "SKIP: Rscript not installed (apt-get install r-base-core r-cran-spdep r-cran-sf)"
    exit 77
fi
if ! Rscript -e 'quit(status = !(requireNamespace("spdep", quietly = TRUE) && requireNamespace("sf", quietly = TRUE)))' >/dev/null 2>&1; then
    echo "SKIP: R packages spdep and sf not installed (apt-get install r-cran-spdep r-cran-sf)"
    exit 77
fi
