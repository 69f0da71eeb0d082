from khparse.cli import main

main()
