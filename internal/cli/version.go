package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/buttresspy/buttress/internal/version"
)

// Version is buttress's version (internal/version holds it).
const Version = version.Version

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print buttress's version",
		Long:  "Print buttress's version (the same as `buttress --version`): \"buttress 0.1.0\".",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "buttress %s\n", Version)
			return err
		},
	}
}
