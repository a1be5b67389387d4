package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/wardcrawl/wardcrawl/evaluate"
)

func evalCmd(stdout io.Writer) *cobra.Command {
	var asJSON, verbose, check, siteMode bool
	var phrasesFile string
	var siteMin int
	c := &cobra.Command{
		Use:   "eval DIR",
		Short: "Score the parser against a labelled corpus, side by side with plain readability",
		Long: `eval runs wardcrawl's parser and plain readability over every page of a
labelled corpus (NAME.html, NAME.gold.txt, NAME.meta.json; see
testdata/pages) and prints token precision, recall and F1 against the gold
text, chrome phrases leaked, is_article, title, date and author accuracy and
milliseconds per page, overall and per CMS family.

With --check it exits 1 when the parser misses a target: F1 >= 0.97, no
chrome leaked, is_article, title and date accuracy >= 0.97, and F1 at least
readability's in every family.

With --site-mode the pages of each family are also treated as one site:
every page of the family is observed into a site model, as a crawl does,
then each page is extracted with it ("wardcrawl+site"), beside the parser
without it and readability, with what each model removed and how much of
that was gold text (false removals). A model needs 8 articles to be
trusted; --site-min-articles lowers that (and the 4 pages a block needs)
for corpora whose families are small.`,
		Args: exactArgs(1, "a corpus directory (NAME.html, NAME.gold.txt, NAME.meta.json)"),
		RunE: func(_ *cobra.Command, args []string) error {
			pages, err := evaluate.Load(args[0])
			if err != nil {
				return usageError{err}
			}
			phrases := evaluate.DefaultPhrases()
			if phrasesFile != "" {
				raw, err := os.ReadFile(phrasesFile)
				if err != nil {
					return usageError{fmt.Errorf("read phrases: %w", err)}
				}
				phrases = evaluate.Phrases(string(raw))
			}
			if siteMin != 0 && !siteMode {
				return usageError{errors.New("--site-min-articles needs --site-mode")}
			}
			systems := []evaluate.System{evaluate.Parser, evaluate.Readability}
			var sm *evaluate.SiteMode
			if siteMode {
				sm = evaluate.NewSiteMode(pages, siteMin)
				systems = []evaluate.System{evaluate.Parser, sm.System, evaluate.Readability}
			}
			rep := evaluate.Evaluate(pages, phrases, systems...)
			if asJSON {
				var models map[string]*evaluate.FamilyModel
				if sm != nil {
					models = sm.Models
				}
				if err := printJSON(stdout, struct {
					evaluate.Report
					SiteModels map[string]*evaluate.FamilyModel `json:"site_models,omitempty"`
				}{rep, models}); err != nil {
					return err
				}
			} else {
				if err := rep.WriteTable(stdout, verbose); err != nil {
					return err
				}
				if sm != nil {
					if err := sm.WriteModels(stdout, verbose); err != nil {
						return err
					}
				}
			}
			if check {
				if fails := rep.Check(evaluate.Parser.Name, evaluate.Readability.Name, evaluate.DefaultTargets); len(fails) > 0 {
					return fmt.Errorf("eval: targets missed: %s", strings.Join(fails, "; "))
				}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the full report, every page included, as JSON")
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every page where a system missed something")
	c.Flags().BoolVar(&check, "check", false, "exit 1 when the parser misses a target")
	c.Flags().StringVar(&phrasesFile, "phrases", "", "chrome phrase list to count leaks with (default: the bundled list)")
	c.Flags().BoolVar(&siteMode, "site-mode", false, "also score the parser with a site model per family (the family's pages as one site)")
	c.Flags().IntVar(&siteMin, "site-min-articles", 0, "with --site-mode: articles a family's model needs to be trusted (default 8, as in a crawl)")
	return c
}
