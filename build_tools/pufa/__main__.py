from pufa.cli import main

raise SystemExit(main())
